#!/usr/bin/env python3
"""Writes the Nordlicht Maschinenbau fixture: Microsoft Graph calendarView
and events pages as a script paging through three mailboxes saves them
(GET /users/{address}/calendarView?startDateTime=2026-03-02T00:00:00Z
&endDateTime=2026-04-25T00:00:00Z&$top=50, following @odata.nextLink).
Shapes follow the Graph v1.0 event resource reference. Run it from this
directory; the output is committed."""
import json, os, datetime as dt, hashlib
from zoneinfo import ZoneInfo

DOMAIN = "nordlicht-mb.example"
BERLIN = ZoneInfo("Europe/Berlin")
people = {
    "greta": ("Greta Hansen", f"greta.hansen@{DOMAIN}"),
    "ole": ("Ole Brandt", f"ole.brandt@{DOMAIN}"),
    "mira": ("Mira König", f"mira.koenig@{DOMAIN}"),
    "jan": ("Jan Petersen", f"jan.petersen@{DOMAIN}"),
    "lea": ("Lea Schulte", f"lea.schulte@{DOMAIN}"),
}
customers = [("Tomas Novak", "t.novak@vltava-stroje.example"), ("Ines Duarte", "ines.duarte@porto-metais.example"),
             ("Karl Weiß", "k.weiss@weiss-hydraulik.example")]
ROOM = ("Raum Elbe", f"raum.elbe@{DOMAIN}")

def gid(*parts):
    return "AAMkAGI2TG93AAA" + hashlib.sha1("/".join(parts).encode()).hexdigest()[:40] + "AAA="

def dtz(t, zone):
    if zone == "UTC":
        t = t.astimezone(dt.timezone.utc)
    return {"dateTime": t.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": zone}

def attendee(who, response, kind="required"):
    name, addr = who
    return {"type": kind, "status": {"response": response, "time": "0001-01-01T00:00:00Z"},
            "emailAddress": {"name": name, "address": addr}}

def event(owner, key, subject, start, minutes, zone, organizer, attendees, etype="singleInstance",
          series=None, show="busy", response="accepted", sensitivity="normal", cancelled=False,
          location="", online=False, all_day=False):
    end = start + dt.timedelta(minutes=minutes)
    is_org = organizer[1] == people[owner][1]
    ev = {
        "@odata.etag": 'W/"' + hashlib.md5(key.encode()).hexdigest()[:22] + '=="',
        "id": gid(owner, key),
        "createdDateTime": "2026-02-20T10:11:12.1234567Z",
        "lastModifiedDateTime": "2026-02-21T08:00:00.7654321Z",
        "changeKey": hashlib.md5(("ck" + key).encode()).hexdigest()[:22] + "==",
        "categories": [],
        "transactionId": None,
        "originalStartTimeZone": "W. Europe Standard Time",
        "originalEndTimeZone": "W. Europe Standard Time",
        "iCalUId": "040000008200E00074C5B7101A82E008" + hashlib.sha1(key.encode()).hexdigest()[:32].upper(),
        "reminderMinutesBeforeStart": 15,
        "isReminderOn": True,
        "hasAttachments": False,
        "subject": subject,
        "bodyPreview": "",
        "importance": "normal",
        "sensitivity": sensitivity,
        "isAllDay": all_day,
        "isCancelled": cancelled,
        "isOrganizer": is_org,
        "responseRequested": True,
        "seriesMasterId": series,
        "showAs": show,
        "type": etype,
        "webLink": "https://outlook.office365.com/owa/?itemid=" + gid(owner, key) + "&exvsurl=1&path=/calendar/item",
        "onlineMeetingUrl": None,
        "isOnlineMeeting": online,
        "onlineMeetingProvider": "teamsForBusiness" if online else "unknown",
        "allowNewTimeProposals": True,
        "isDraft": False,
        "hideAttendees": False,
        "responseStatus": {"response": "organizer" if is_org else response, "time": "2026-02-22T09:30:00Z"},
        "body": {"contentType": "html", "content": ""},
        "start": dtz(start, zone),
        "end": dtz(end, zone),
        "location": {"displayName": location, "locationType": "default", "uniqueIdType": "unknown" if not location else "private",
                     "address": {}, "coordinates": {}},
        "locations": [{"displayName": location, "locationType": "default"}] if location else [],
        "recurrence": None,
        "attendees": attendees,
        "organizer": {"emailAddress": {"name": organizer[0], "address": organizer[1]}},
        "onlineMeeting": {"joinUrl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + hashlib.md5(key.encode()).hexdigest()} if online else None,
    }
    return ev

def workdays(first, weeks):
    d = first
    while d < first + dt.timedelta(weeks=weeks):
        if d.weekday() < 5:
            yield d
        d += dt.timedelta(days=1)

def at(day, h, m=0):
    return dt.datetime(day.year, day.month, day.day, h, m, tzinfo=BERLIN)

def calendar(owner, zone, week_count=8):
    me = people[owner]
    others = [p for k, p in people.items() if k != owner]
    evs = []
    first = dt.date(2026, 3, 2)
    standup = gid(owner, "standup-master")
    one2one = gid(owner, "1on1-master")
    for i, day in enumerate(workdays(first, week_count)):
        # the team's daily stand-up, a recurring series organised by Greta
        org = people["greta"]
        resp = "accepted"
        evs.append(event(owner, f"standup/{day}", "Daily Stand-up Vertrieb Nord", at(day, 9), 15, zone, org,
                         [attendee(p, "accepted") for p in [people[k] for k in ("greta", "ole", "mira", "jan", "lea")] if p != org],
                         etype="occurrence", series=standup, response=resp, online=True))
        if day.weekday() == 1:  # weekly one-on-one, Tuesdays; moved once (an exception)
            start = at(day, 14) if day != dt.date(2026, 3, 24) else at(day, 16, 30)
            etype = "occurrence" if day != dt.date(2026, 3, 24) else "exception"
            partner = people["jan"] if owner != "jan" else people["lea"]
            evs.append(event(owner, f"1on1/{day}", f"1:1 {me[0].split()[0]} / {partner[0].split()[0]}", start, 30, zone, me,
                             [attendee(partner, "accepted")], etype=etype, series=one2one))
        if day.weekday() in (0, 2, 3):  # customer meetings
            cust = customers[(i + len(owner)) % len(customers)]
            evs.append(event(owner, f"cust/{day}", f"Angebotsbesprechung {cust[1].split('@')[1].split('.')[0]}", at(day, 10, 30), 60, zone, me,
                             [attendee(cust, "accepted"), attendee(others[i % len(others)], "tentativelyAccepted"),
                              attendee(ROOM, "accepted", kind="resource")], location="Raum Elbe"))
        if day.weekday() == 4:  # pipeline review with a declined invitee
            evs.append(event(owner, f"pipe/{day}", "Pipeline-Review KW" + str(day.isocalendar()[1]), at(day, 11), 45, zone, people["mira"] if owner != "mira" else people["ole"],
                             [attendee(me, "accepted"), attendee(people["lea"] if owner != "lea" else people["jan"], "declined")]))
    return evs

def extras(owner, zone):
    me = people[owner]
    out = []
    if owner == "greta":
        out.append(event(owner, "fair", "Hannover Messe", at(dt.date(2026, 4, 20), 0), 24 * 60 * 3, zone, me, [], show="oof", all_day=True))
        out.append(event(owner, "doctor", "Arzttermin Dr. Feldmann", at(dt.date(2026, 3, 12), 15), 60, zone, me,
                         [attendee(("Praxis Dr. Feldmann", "termine@praxis-feldmann.example"), "accepted")],
                         sensitivity="private", location="Praxis Feldmann, Lindenstraße 4"))
        out.append(event(owner, "focus", "Blocker: Angebote schreiben", at(dt.date(2026, 3, 18), 13), 120, zone, me, [], show="free"))
        out.append(event(owner, "cancelled", "Abgesagt: Besuch Weiß Hydraulik", at(dt.date(2026, 3, 26), 13), 90, zone, customers[2],
                         [attendee(me, "accepted")], cancelled=True, response="accepted"))
        out.append(event(owner, "declined", "Webinar Vertriebsmethodik", at(dt.date(2026, 4, 9), 16), 60, zone, ("Vertriebsakademie", "events@vertriebsakademie.example"),
                         [attendee(me, "declined")], response="declined"))
    if owner == "mira":
        out.append(event(owner, "confidential", "Gehaltsgespräch Lea", at(dt.date(2026, 4, 2), 11), 45, zone, me,
                         [attendee(people["lea"], "accepted")], sensitivity="confidential", location="Büro Mira"))
    return out

def pages(owner, zone, evs, listing, per_page=50):
    addr = people[owner][1]
    evs.sort(key=lambda e: (e["start"]["dateTime"], e["id"]))
    base = f"https://graph.microsoft.com/v1.0/users/{addr}/{listing}"
    context = f"https://graph.microsoft.com/v1.0/$metadata#users('{addr.replace('@', '%40')}')/{listing}"
    chunks = [evs[i:i + per_page] for i in range(0, len(evs), per_page)] or [[]]
    os.makedirs("nordlicht", exist_ok=True)
    for n, chunk in enumerate(chunks, 1):
        page = {"@odata.context": context, "value": chunk}
        if n < len(chunks):
            page["@odata.nextLink"] = base + f"?startDateTime=2026-03-02T00%3a00%3a00Z&endDateTime=2026-04-25T00%3a00%3a00Z&%24top={per_page}&%24skip={n * per_page}"
        name = f"{addr}_{listing}.json" if n == 1 else f"{addr}_{listing}-{n}.json"
        with open(f"nordlicht/{name}", "w", encoding="utf-8") as f:
            json.dump(page, f, ensure_ascii=False, indent=2)
            f.write("\n")

# Greta's pages were saved with Prefer: outlook.timezone="W. Europe Standard Time",
# the others' in Graph's default, UTC.
for owner, zone in (("greta", "W. Europe Standard Time"), ("mira", "UTC"), ("ole", "UTC")):
    pages(owner, zone, calendar(owner, zone) + extras(owner, zone), "calendarView")

# Mira's folder also holds an /events page: series masters and single events,
# the single ones copies of her calendarView's.
def master(owner, key, subject, first, zone):
    ev = event(owner, key, subject, first, 15, zone, people["greta"], [], etype="seriesMaster")
    ev["id"] = gid(owner, key)
    ev["recurrence"] = {"pattern": {"type": "daily", "interval": 1, "month": 0, "dayOfMonth": 0, "firstDayOfWeek": "sunday", "index": "first", "daysOfWeek": []},
                        "range": {"type": "noEnd", "startDate": "2026-01-05", "endDate": "0001-01-01", "recurrenceTimeZone": "W. Europe Standard Time", "numberOfOccurrences": 0}}
    return ev
mira_events = [master("mira", "standup-master", "Daily Stand-up Vertrieb Nord", at(dt.date(2026, 1, 5), 9), "UTC")] + \
    [e for e in calendar("mira", "UTC", 1) if e["type"] == "singleInstance"]
pages("mira", "UTC", mira_events, "events")
