package calendars

// SkipFree is why an event its owner shows as free is not counted, with
// what says so in the calendar's own terms (Google's "transparency
// transparent", Outlook's "showAs free", iCalendar's "TRANSP:TRANSPARENT").
// Free time is time the owner kept available, whatever the event is (a
// holiday, a webinar they may drop in on, a reminder): counting it would
// fill the audit with hours nobody spent. Every calendar connector skips
// such an event under this one reason, so that the load summaries say
// the same of the same thing.
func SkipFree(saidBy string) string {
	return "shown as free (" + saidBy + "): the owner kept the time available"
}
