#!/usr/bin/env python3
"""Writes the Kestrel Outdoor fixture: Google Calendar API events.list
responses as a script saves them for three primary calendars, asking
GET https://www.googleapis.com/calendar/v3/calendars/{address}/events
    ?singleEvents=true&orderBy=startTime&maxResults=50
    &timeMin=2026-03-02T00:00:00Z&timeMax=2026-04-25T00:00:00Z
and following nextPageToken. Shapes follow the Calendar API v3 Events
resource and Events: list references. Run it from this directory; the
output is committed."""
import json, os, hashlib, datetime as dt
from zoneinfo import ZoneInfo

DOMAIN = "kestrel-outdoor.example"
who = {
    "ana": ("Ana Ferreira", f"ana.ferreira@{DOMAIN}", "America/Denver"),
    "ben": ("Ben Okafor", f"ben.okafor@{DOMAIN}", "America/Denver"),
    "cole": ("Cole Rivera", f"cole.rivera@{DOMAIN}", "Europe/Lisbon"),
    "dana": ("Dana Whitfield", f"dana.whitfield@{DOMAIN}", "America/Denver"),
}
buyers = [("Priya Raman", "priya.raman@summitretail.example"), ("Lars Eklund", "lars@fjallbutik.example"),
          ("Maya Chen", "mchen@trailheadsupply.example")]
ROOM = ("Boulder-3-Flatirons (8)", f"c_18{hashlib.md5(b'room').hexdigest()[:12]}@resource.calendar.google.com")

def rid(*parts):
    return hashlib.sha1("/".join(parts).encode()).hexdigest()[:26]

def rfc3339(t):
    s = t.isoformat()
    return s

def when(t, zone):
    return {"dateTime": rfc3339(t), "timeZone": zone}

def person(p, **extra):
    d = {"email": p[1], "displayName": p[0]}
    d.update(extra)
    return d

def ev(owner, base_id, summary, start, minutes, organizer, guests, *, instance_of=None,
       visibility=None, transparency=None, event_type="default", location=None, meet=False, all_day_days=0, responses=None):
    me = who[owner]
    zone = me[2]
    eid = base_id if instance_of is None else f"{instance_of}_{start.astimezone(dt.timezone.utc).strftime('%Y%m%dT%H%M%SZ')}"
    e = {
        "kind": "calendar#event",
        "etag": '"' + str(int(hashlib.md5(eid.encode()).hexdigest()[:12], 16)) + '"',
        "id": eid,
        "status": "confirmed",
        "htmlLink": "https://www.google.com/calendar/event?eid=" + hashlib.md5((eid + me[1]).encode()).hexdigest(),
        "created": "2026-02-18T17:04:11.000Z",
        "updated": "2026-02-25T09:12:40.551Z",
        "summary": summary,
    }
    if location:
        e["location"] = location
    e["creator"] = person(organizer) if organizer[1] != me[1] else {"email": me[1], "self": True}
    e["organizer"] = {"email": organizer[1], "displayName": organizer[0]} if organizer[1] != me[1] else {"email": me[1], "self": True}
    if all_day_days:
        e["start"] = {"date": start.date().isoformat()}
        e["end"] = {"date": (start.date() + dt.timedelta(days=all_day_days)).isoformat()}
    else:
        e["start"] = when(start.astimezone(ZoneInfo(zone)), zone)
        e["end"] = when((start + dt.timedelta(minutes=minutes)).astimezone(ZoneInfo(zone)), zone)
    if instance_of:
        e["recurringEventId"] = instance_of
        e["originalStartTime"] = when(start.astimezone(ZoneInfo(zone)), zone)
    if transparency:
        e["transparency"] = transparency
    if visibility:
        e["visibility"] = visibility
    e["iCalUID"] = (instance_of or base_id) + "@google.com"
    e["sequence"] = 0
    if guests:
        att = []
        for g in guests:
            a = {"email": g[1], "displayName": g[0]}
            if g[1] == organizer[1]:
                a["organizer"] = True
            if g[1] == me[1]:
                a["self"] = True
            if g == ROOM:
                a["resource"] = True
            a["responseStatus"] = (responses or {}).get(g[1], "accepted")
            att.append(a)
        e["attendees"] = att
    if meet:
        code = hashlib.md5(eid.encode()).hexdigest()
        e["hangoutLink"] = f"https://meet.google.com/{code[:3]}-{code[3:7]}-{code[7:10]}"
        e["conferenceData"] = {"entryPoints": [{"entryPointType": "video", "uri": e["hangoutLink"], "label": e["hangoutLink"][8:]}],
                               "conferenceSolution": {"key": {"type": "hangoutsMeet"}, "name": "Google Meet"},
                               "conferenceId": f"{code[:3]}-{code[3:7]}-{code[7:10]}"}
    e["reminders"] = {"useDefault": True}
    e["eventType"] = event_type
    return e

def p(k):
    return who[k][:2]

def days(first, weeks):
    d = first
    while d < first + dt.timedelta(weeks=weeks):
        if d.weekday() < 5:
            yield d
        d += dt.timedelta(days=1)

DEN = ZoneInfo("America/Denver")
def at(day, h, m=0, zone=DEN):
    return dt.datetime(day.year, day.month, day.day, h, m, tzinfo=zone)

def calendar(owner):
    me = p(owner)
    team = [p(k) for k in ("ana", "ben", "cole", "dana")]
    out = []
    standup, sync = rid("standup"), rid("sync")
    for i, day in enumerate(days(dt.date(2026, 3, 2), 8)):
        if day == dt.date(2026, 3, 20):  # Ana deleted one stand-up: Google lists it cancelled
            out.append({"kind": "calendar#event", "etag": '"3541' + str(i) + '"', "id": f"{standup}_20260320T150000Z", "status": "cancelled",
                        "recurringEventId": standup, "originalStartTime": when(at(day, 9).astimezone(ZoneInfo(who[owner][2])), who[owner][2])})
        else:
            out.append(ev(owner, standup, "Sales stand-up", at(day, 9), 15, p("ana"), team, instance_of=standup, meet=True))
        if day.weekday() == 0:
            out.append(ev(owner, sync, "Weekly pipeline sync", at(day, 14), 60, p("ana"), team + [ROOM], instance_of=sync))
        if day.weekday() in (1, 3):
            buyer = buyers[(i + len(owner)) % 3]
            out.append(ev(owner, rid(owner, "call", str(day)), f"Spring line review with {buyer[1].split('@')[1].split('.')[0]}", at(day, 10), 45, me,
                          [me, buyer, p("dana") if owner != "dana" else p("ben")], meet=True,
                          responses={buyer[1]: "needsAction" if i % 4 == 0 else "accepted"}))
        if day.weekday() == 4:
            out.append(ev(owner, rid(owner, "coach", str(day)), "Deal coaching", at(day, 11), 30, p("dana"),
                          [p("dana"), me, p("cole") if owner != "cole" else p("ben")],
                          responses={who["cole"][1] if owner != "cole" else who["ben"][1]: "declined"}))
    return out

def extras(owner):
    me = p(owner)
    out = []
    if owner == "ana":
        out.append(ev(owner, rid("show"), "Outdoor Retailer Snow Show", at(dt.date(2026, 3, 24), 0), 0, me, [], all_day_days=3))
        out.append(ev(owner, rid("dentist"), "Dentist - Dr. Alvarez", at(dt.date(2026, 3, 11), 15), 60, me,
                      [me, ("Alvarez Family Dental", "frontdesk@alvarez-dental.example")], visibility="private",
                      location="Alvarez Family Dental, 1200 Pearl St, Boulder"))
        out.append(ev(owner, rid("hold"), "Hold: proposal writing", at(dt.date(2026, 3, 17), 13), 120, me, [], transparency="transparent"))
        out.append(ev(owner, rid("webinar"), "Webinar: retail analytics 2026", at(dt.date(2026, 4, 8), 16), 60,
                      ("Retail Insights", "events@retailinsights.example"), [me, ("Retail Insights", "events@retailinsights.example")],
                      responses={me[1]: "declined"}))
        out.append(ev(owner, rid("ooo"), "Out of office", at(dt.date(2026, 4, 10), 8), 9 * 60, me, [], event_type="outOfOffice"))
        out.append(ev(owner, rid("focus"), "Focus time", at(dt.date(2026, 3, 5), 13), 90, me, [], event_type="focusTime"))
        out.append(ev(owner, rid("wl"), "Home", at(dt.date(2026, 3, 6), 0), 0, me, [], event_type="workingLocation",
                      all_day_days=1, transparency="transparent", visibility="public"))
    if owner == "cole":
        out.append(ev(owner, rid("comp"), "Compensation talk with Ben", at(dt.date(2026, 4, 2), 9, zone=ZoneInfo("Europe/Lisbon")), 30, me,
                      [me, p("ben")], visibility="confidential", location="Lisbon office, room Tejo"))
    return out

def key(e):
    s = e.get("start") or e.get("originalStartTime")
    v = s.get("dateTime") or s.get("date")
    return dt.datetime.fromisoformat(v if "T" in v else v + "T00:00:00+00:00").astimezone(dt.timezone.utc)

def save(owner, items, per_page=50, sort_keys=False):
    name, addr, zone = who[owner]
    items.sort(key=key)
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)]
    os.makedirs("kestrel", exist_ok=True)
    for n, chunk in enumerate(chunks, 1):
        page = {"kind": "calendar#events", "etag": '"p3' + hashlib.md5(f"{addr}{n}".encode()).hexdigest()[:14] + 'g"',
                "summary": addr, "description": "", "updated": "2026-04-25T06:00:01.337Z", "timeZone": zone,
                "accessRole": "owner", "defaultReminders": [{"method": "popup", "minutes": 10}]}
        if n < len(chunks):
            page["nextPageToken"] = "CigKGjRw" + hashlib.md5(f"{addr}{n}token".encode()).hexdigest()
        else:
            page["nextSyncToken"] = "CPjS" + hashlib.md5(f"{addr}sync".encode()).hexdigest()[:20] + "GAU="
        page["items"] = chunk
        fname = f"kestrel/{addr}_events.json" if n == 1 else f"kestrel/{addr}_events-{n}.json"
        with open(fname, "w", encoding="utf-8") as f:
            json.dump(page, f, ensure_ascii=False, indent=2, sort_keys=sort_keys)
            f.write("\n")

save("ana", calendar("ana") + extras("ana"))
# Ben's pages went through a tool that sorts keys: "items" comes before
# "kind" and "summary", so only the file name says whose calendar it is.
save("ben", calendar("ben"), sort_keys=True)
save("cole", calendar("cole") + extras("cole"))
