#!/usr/bin/env bash
# Fetches again the real calendars the ics connector is measured on (see
# testdata/ics/README.md, "Real calendars"), into the folder given:
#
#   testdata/ics/realcorpus.sh /tmp/realics
#   SALESAUDIT_REAL_ICS_DIR=/tmp/realics go test ./internal/connector/ics -run TestRealCalendars -v
#
# They are third-party files, so they stay out of the repository; go test
# never runs this script (the go tool ignores testdata). It needs npm,
# apt-get and dpkg-deb with Debian bookworm sources (the Debian copies are
# pinned to their bookworm versions), and curl with access to
# raw.githubusercontent.com for the GitHub copies, which are pinned to a
# commit. A file that cannot be fetched is reported and the others are
# still fetched; the script then exits with status 1.
set -uo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi
dest=$1
mkdir -p "$dest" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# unpacked prints the folder holding package SPEC of KIND (npm or debian),
# downloading and unpacking it the first time it is asked for.
unpacked() {
	local kind=$1 spec=$2 dir="$work/$1/$2"
	if [ ! -d "$dir" ]; then
		mkdir -p "$dir"
		case $kind in
		npm) (cd "$dir" && npm pack --silent "$spec" >/dev/null && tar -xzf ./*.tgz) ;;
		debian) (cd "$dir" && apt-get download -q "$spec" >/dev/null && dpkg-deb -x ./*.deb .) ;;
		esac || { rm -rf "$dir"; return 1; }
	fi
	echo "$dir"
}

# github fetches PATH of REPO@COMMIT into FILE.
github() {
	local repo=${1%@*} commit=${1#*@} path=$2 file=$3
	path=${path// /%20}
	path=${path//#/%23}
	curl -fsSL "https://raw.githubusercontent.com/$repo/$commit/$path" -o "$file"
}

failed=0
while IFS=$'\t' read -r name kind source path; do
	case $kind in
	npm | debian)
		dir=$(unpacked "$kind" "$source") && cp "$dir/$path" "$dest/$name" ;;
	github)
		github "$source" "$path" "$dest/$name" ;;
	*)
		echo "$name: no source recorded; keep your copy if you have one" >&2
		continue ;;
	esac || { echo "$name: could not fetch $path from $kind $source" >&2; failed=1; }
done <<'MANIFEST'
allenporter-ical__apple_ical.ics	github	allenporter/ical@6ba4194457553a3348e56104bff33bac8a7026c8	tests/examples/testdata/apple_ical.ics
allenporter-ical__calendar_labs_same_day_dtend.ics	github	allenporter/ical@56a72a2216aa31dd6646c7e78e78f1aaefc17eab	tests/compat/testdata/calendar_labs_same_day_dtend.ics
allenporter-ical__google_calendar_public_holidays.ics	github	allenporter/ical@8c4bce9fb0e517abac0c6a744a965ccc48f4c877	tests/testdata/ics_examples/google_calendar_public_holidays.ics
allenporter-ical__office_356_custom_timezone.ics	github	allenporter/ical@16b19eaa0999cc0577c26ccdfdffe840caf9d16f	tests/compat/testdata/office_356_custom_timezone.ics
allenporter-ical__office_360_nz_tz.ics	github	allenporter/ical@f59c0f03bef48ce70a1320df97710b439c35ef1b	tests/compat/testdata/office_360_nz_tz.ics
allenporter-ical__office_365_extended_timezone.ics	github	allenporter/ical@385c675a19939839ad8d7ffc2ae01a8198e86aff	tests/compat/testdata/office_365_extended_timezone.ics
allenporter-ical__unknown_value_proton_mail.ics	github	allenporter/ical@27514d6501338d8e14c5d924ac9e874c41d1fdde	tests/testdata/unknown_value_proton_mail.ics
collective-icalendar-4.0.3__america_new_york.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/america_new_york.ics
collective-icalendar-4.0.3__encoding.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/encoding.ics
collective-icalendar-4.0.3__issue_112_missing_tzinfo_on_exdate.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/issue_112_missing_tzinfo_on_exdate.ics
collective-icalendar-4.0.3__issue_53_parsing_failure.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/issue_53_parsing_failure.ics
collective-icalendar-4.0.3__multiple.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/multiple.ics
collective-icalendar-4.0.3__pacific_fiji.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/pacific_fiji.ics
collective-icalendar-4.0.3__timezone_rdate.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/timezone_rdate.ics
collective-icalendar-4.0.3__timezone_same_start.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/timezone_same_start.ics
collective-icalendar-4.0.3__timezone_same_start_and_offset.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/timezone_same_start_and_offset.ics
collective-icalendar-4.0.3__timezoned.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/timezoned.ics
collective-icalendar-4.0.3__x_location.ics	debian	python3-icalendar=4.0.3-5	usr/lib/python3/dist-packages/icalendar/tests/x_location.ics
collective-icalendar__alarm_etar_future.ics	github	collective/icalendar@95c023db1896cde232ef977bc21160c0f1367932	src/icalendar/tests/calendars/alarm_etar_future.ics
collective-icalendar__alarm_google_acknowledged.ics	github	collective/icalendar@6bc1d44f27562a99806553ad8e13d94f645a39ae	src/icalendar/tests/calendars/alarm_google_acknowledged.ics
collective-icalendar__alarm_google_future.ics	github	collective/icalendar@312b05a27521c54fee82271b27d05acd9c47aea9	src/icalendar/tests/calendars/alarm_google_future.ics
collective-icalendar__alarm_outlook_closed.ics	github	collective/icalendar@312b05a27521c54fee82271b27d05acd9c47aea9	src/icalendar/tests/calendars/alarm_outlook_closed.ics
collective-icalendar__alarm_outlook_in_future.ics	github	collective/icalendar@312b05a27521c54fee82271b27d05acd9c47aea9	src/icalendar/tests/calendars/alarm_outlook_in_future.ics
collective-icalendar__issue_165_missing_event.ics	github	collective/icalendar@ccc381063081b6688c35fb6fa52dfe55c2f43deb	src/icalendar/tests/calendars/issue_165_missing_event.ics
collective-icalendar__issue_218_bad_tzid.ics	github	collective/icalendar@ee54bd5f3c27e6c4378e0985567a17738886ace7	src/icalendar/tests/calendars/issue_218_bad_tzid.ics
collective-icalendar__issue_237_non_ascii_tzid.ics	github	collective/icalendar@12d4d38d26e7847dd8e0d4dfd60e47c7d7b47dac	src/icalendar/tests/calendars/issue_237_fail_to_parse_timezone_with_non_ascii_tzid.ics
collective-icalendar__issue_350_podio.ics	github	collective/icalendar@607b13b352eec9c167098027992f81e79cbe3e39	src/icalendar/tests/calendars/issue_350.ics
collective-icalendar__leeds.ics	unknown	-	-
debian-libtie-ical-perl__mozilla_calendar_demo.ics	debian	libtie-ical-perl=0.15-4	usr/share/doc/libtie-ical-perl/examples/demo.ics
debian-qtpim5-examples__organizer_ical_test.ics	debian	qtpim5-examples=5.0~git20201102.f9a8f0fc+dfsg1-3	usr/share/doc/qtpim5-examples/examples/organizer/qmlorganizerlistview/content/organizer_ical_test.ics
golang-ical__issue52_google.ics	debian	golang-github-arran4-golang-ical-dev=0.0~git20220517.fd89fef-2	usr/share/gocode/src/github.com/arran4/golang-ical/testdata/issue52/issue52_working.ics
golang-ical__issue97_google.ics	github	arran4/golang-ical@4b576397768f312e43b566d737aaf5d62fd5a19c	testdata/issue97/google.ics
golang-ical__timeparsing_davx5.ics	debian	golang-github-arran4-golang-ical-dev=0.0~git20220517.fd89fef-2	usr/share/gocode/src/github.com/arran4/golang-ical/testdata/timeparsing.ics
ical-net__Business.ics	github	ical-org/ical.net@09557373008ca46403877c8d350b9f1520a814b7	Examples/C#/Example5/Calendars/Business.ics
ical-net__Example5_calendar.ics	github	ical-org/ical.net@8942487c8c361a7364a5ca233b923f42bc6c94c7	Example5/Calendars/calendar.ics
ical-net__RussiaHolidays.ics	github	ical-org/ical.net@4a4fc1048a9428a2258b01147eb1a5146035ea0c	DDay.iCal.Test/Calendars/Serialization/RussiaHolidays.ics
ical-net__USHolidays.ics	github	ical-org/ical.net@dab414bf7f8874cfa1bda4ac9f8624a7007d5cdd	DDay.iCal.Test/Calendars/General/USHolidays.ics
ical-net__Utah_Jazz_2006-2007.ics	github	ical-org/ical.net@11cd6b0d8bc8c53be8980d66363d61ea15341aff	Examples/C#/Example5/Calendars/Utah Jazz 2006-2007.ics
ical.js__google_birthday.ics	npm	ical.js@0.0.3	package/samples/google_birthday.ics
ical4j__Australian_TV_Melbourne.ics	github	ical4j/ical4j@46972678f9a9b16c69d3a71902fa83fa8eae6057	src/test/resources/samples/valid/Australian_TV_Melbourne.ics
ical4j__Belgische_feestdagen.ics	github	ical4j/ical4j@46972678f9a9b16c69d3a71902fa83fa8eae6057	src/test/resources/samples/valid/Belgische32feestdagen.ics
ical4j__Christian_Holidays.ics	github	ical4j/ical4j@044a0cd9dca0e6a4fc7b81ba33d713c44b3256e9	src/test/resources/samples/valid/Christian32Holidays.ics
ical4j__Misc.History.ics	github	ical4j/ical4j@b083b4ec00a1800252414d90950af8e2e6baf2b4	src/test/resources/samples/valid/Misc.History.ics
ical4j__Packers.ics	github	ical4j/ical4j@46972678f9a9b16c69d3a71902fa83fa8eae6057	src/test/resources/samples/valid/Packers.ics
ical4j__afl2004.ics	github	ical4j/ical4j@044a0cd9dca0e6a4fc7b81ba33d713c44b3256e9	src/test/resources/samples/valid/afl2004.ics
ical4j__bears.ics	github	ical4j/ical4j@b083b4ec00a1800252414d90950af8e2e6baf2b4	src/test/resources/samples/valid/bears.ics
ical4j__canada.ics	github	ical4j/ical4j@d2fdedca497551ab62431f30fe1ec62cc8130b44	src/test/resources/samples/valid/canada.ics
ical4j__mathBirthdays.ics	github	ical4j/ical4j@b083b4ec00a1800252414d90950af8e2e6baf2b4	src/test/resources/samples/valid/mathBirthdays.ics
node-ical__Office-2012-owa.ics	github	jens-maus/node-ical@315e3128b026f33ea4ad576bbe795a6e7ae07c9e	test/Office-2012-owa.ics
node-ical__exchange_whole_day_moved_recurrence.ics	github	jens-maus/node-ical@6c9570f4c35dec191371fd6d6b235d5baccf772b	test/fixtures/exchange_whole_day_moved_recurrence.ics
node-ical__ms_timezones.ics	github	jens-maus/node-ical@b14ac78548d0c7d3da4a67bda9a76d49af33b697	test/ms_timezones.ics
node-ical__test_with_int_tzid.ics	github	jens-maus/node-ical@9985f8d0bcc10d1c67bee9a2bf9ca08293eed488	test/test_with_int_tzid.ics
npm-cal-parser__cpa_calendar_google.ics	npm	cal-parser@1.0.2	package/test/ical/mine/test.ics
npm-chinese-days__holidays.ics	npm	chinese-days@1.5.7	package/dist/holidays.ics
npm-cozy-ical__apple.ics	npm	cozy-ical@1.1.22	package/test/fixtures/scenarios/apple.ics
npm-cozy-ical__google.ics	npm	cozy-ical@1.1.22	package/test/fixtures/scenarios/google.ics
npm-cozy-ical__lightning.ics	npm	cozy-ical@1.1.22	package/test/fixtures/scenarios/lightning.ics
npm-cozy-ical__radicale.ics	npm	cozy-ical@1.1.22	package/test/fixtures/scenarios/radicale.ics
npm-ical-toolkit__apple_exported.ics	npm	ical-toolkit@1.0.9	package/tests/sample/apple_exported.ics
npm-ical.js-0.0.6__recur_instances.ics	npm	ical.js@0.0.6	package/samples/recur_instances.ics
npm-ical__example_rrule.ics	npm	ical@0.8.0	package/examples/example_rrule.ics
npm-ical__test1.ics	npm	ical@0.8.0	package/test/test1.ics
npm-ical__test11.ics	npm	ical@0.8.0	package/test/test11.ics
npm-ical__test13.ics	npm	ical@0.8.0	package/test/test13.ics
npm-ical__test14.ics	npm	ical@0.8.0	package/test/test14.ics
npm-ical__test15.ics	npm	ical@0.8.0	package/test/test15.ics
npm-ical__test2.ics	npm	ical@0.8.0	package/test/test2.ics
npm-ical__test3.ics	npm	ical@0.8.0	package/test/test3.ics
npm-ical__test4.ics	npm	ical@0.8.0	package/test/test4.ics
npm-ical__test5.ics	npm	ical@0.8.0	package/test/test5.ics
npm-ical__test6.ics	npm	ical@0.8.0	package/test/test6.ics
npm-ical__test7.ics	npm	ical@0.8.0	package/test/test7.ics
npm-ical__test9.ics	npm	ical@0.8.0	package/test/test9.ics
npm-icalendar__gilsum_nh_google.ics	npm	icalendar@0.7.1	package/spec/icalendar-test.ics
npm-icalts__blank_description.ics	npm	icalts@0.0.2	package/samples/ics/blank_description.ics
npm-icalts__daily_recur.ics	npm	icalts@0.0.2	package/samples/ics/daily_recur.ics
npm-icalts__day_long_recur_yearly.ics	npm	icalts@0.0.2	package/samples/ics/day_long_recur_yearly.ics
npm-icalts__duration_instead_of_dtend.ics	npm	icalts@0.0.2	package/samples/ics/duration_instead_of_dtend.ics
npm-icalts__forced_types.ics	npm	icalts@0.0.2	package/samples/ics/forced_types.ics
npm-icalts__minimal.ics	npm	icalts@0.0.2	package/samples/ics/minimal.ics
npm-icalts__multiple_rrules.ics	npm	icalts@0.0.2	package/samples/ics/multiple_rrules.ics
npm-icalts__only_dtstart_date.ics	npm	icalts@0.0.2	package/samples/ics/only_dtstart_date.ics
npm-icalts__only_dtstart_time.ics	npm	icalts@0.0.2	package/samples/ics/only_dtstart_time.ics
npm-icalts__parserv2.ics	npm	icalts@0.0.2	package/samples/ics/parserv2.ics
npm-icalts__recur_instances_finite.ics	npm	icalts@0.0.2	package/samples/ics/recur_instances_finite.ics
npm-icalts__utc_negative_zero.ics	npm	icalts@0.0.2	package/samples/ics/utc_negative_zero.ics
npm-icalts__zimbra_recur_instances.ics	npm	ical.js@1.0.0	package/samples/recur_instances.ics
npm-ics-parser__calendar.ics	npm	ics-parser@0.1.5	package/test/samples/calendar.ics
npm-ics-parser__invite.ics	npm	ics-parser@0.1.5	package/test/samples/invite.ics
npm-ics-parser__longdescription.ics	npm	ics-parser@0.1.5	package/test/samples/longdescription.ics
php-horde-icalendar__exchange_cdo.ics	debian	php-horde-icalendar=2.1.8-7	usr/share/doc/php-horde-icalendar/examples/exchange.ics
php-horde-icalendar__exdate.ics	debian	php-horde-icalendar=2.1.8-7	usr/share/doc/php-horde-icalendar/examples/exdate.ics
php-horde-icalendar__ical.ics	debian	php-horde-icalendar=2.1.8-7	usr/share/doc/php-horde-icalendar/examples/ical.ics
pyparsing__mozilla.ics	debian	python-pyparsing-doc=3.0.9-1	usr/share/doc/python-pyparsing-doc/examples/mozilla.ics
recurring-ical-events__Germany_Holidays_calendarlabs.ics	github	niccokunzmann/python-recurring-ical-events@b8bfe78fcf5815655b1ba45684e20b0a298fd1ee	test/calendars/Germany_Holidays.ics
recurring-ical-events__hackerpublicradio_data-ical.ics	github	niccokunzmann/python-recurring-ical-events@39be2121fc4e2a5875a28ef275ffcfc2ebe18544	test/calendars/rdate-hackerpublicradio.ics
thunderbird-website__CanadaHolidays_KDE.ics	github	thunderbird/thunderbird-website@2ccef4d1789a7e96fd8a7e8e62b49b12dd41422a	media/caldata/CanadaHolidays.ics
thunderbird-website__DutchHolidays.ics	github	thunderbird/thunderbird-website@c1c528993fbdb6da29c602cd992c62a54c884113	media/caldata/DutchHolidays.ics
thunderbird-website__FinlandHolidays_Lightning.ics	github	thunderbird/thunderbird-website@9cf51c3dc119bfeb6b2efe571afd5523fa6a2bd4	media/caldata/FinlandHolidays.ics
thunderbird-website__JapanHolidays.ics	github	thunderbird/thunderbird-website@0dcc34bed9d890e24f338c23e96d2a8a51b57e82	media/caldata/JapanHolidays.ics
thunderbird-website__PolishHolidays_Lightning.ics	github	thunderbird/thunderbird-website@97f3d9b22291725c1daf19004b7b5ca1632a16e1	media/caldata/PolishHolidays.ics
thunderbird-website__UKHolidays-EnglandWales.ics	github	thunderbird/thunderbird-website@eadad0f166762a7293f717ae5474b40bb9383696	media/caldata/UKHolidays-EnglandWales.ics
thunderbird-website__UKHolidays-Scotland.ics	github	thunderbird/thunderbird-website@eadad0f166762a7293f717ae5474b40bb9383696	media/caldata/UKHolidays-Scotland.ics
thunderbird-website__USHolidays_EssentialPIM.ics	github	thunderbird/thunderbird-website@60cde3a35ecfbdaef2e6d0c14d4b40fe079df556	media/caldata/USHolidays.ics
thunderbird-website__autogen_GermanHolidays.ics	github	thunderbird/thunderbird-website@11be16e760362eb284ceecf6e3fa6d27d0eb861d	media/caldata/autogen/GermanHolidays.ics
MANIFEST

exit $failed
