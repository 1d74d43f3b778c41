// Reads iCalendar text from stdin with the independent ical.js parser and prints what a
// calendar app would see, as JSON: every VEVENT with its times in UTC (converted with the
// VTIMEZONE of the file itself) and the first occurrences of repeating events.
const ICAL = (await import(process.env.ICALJS_MODULE)).default;
let text = "";
for await (const chunk of process.stdin) text += chunk;
const root = new ICAL.Component(ICAL.parse(text));
const zones = root.getAllSubcomponents("vtimezone");
for (const zone of zones) ICAL.TimezoneService.register(zone);
const iso = t => t.toJSDate().toISOString();
const events = root.getAllSubcomponents("vevent").map(v => {
  const e = new ICAL.Event(v);
  const occurrences = [];
  if (e.isRecurring()) {
    const it = e.iterator();
    for (let next = it.next(), i = 0; next && i < 100; next = it.next(), i++) {
      const details = e.getOccurrenceDetails(next);
      occurrences.push({ start: iso(details.startDate), end: iso(details.endDate), local: details.startDate.toString() });
    }
  }
  return {
    uid: e.uid,
    summary: e.summary,
    location: e.location,
    sequence: e.sequence,
    lastModified: v.getFirstPropertyValue("last-modified")?.toString() ?? null,
    dtstamp: v.getFirstPropertyValue("dtstamp")?.toString() ?? null,
    tzid: e.startDate.isDate ? null : (v.getFirstProperty("dtstart").getParameter("tzid") ?? null),
    isDate: e.startDate.isDate,
    startLocal: e.startDate.toString(),
    endLocal: e.endDate.toString(),
    start: iso(e.startDate),
    end: iso(e.endDate),
    rrule: v.getFirstPropertyValue("rrule")?.toString() ?? null,
    occurrences,
  };
});
process.stdout.write(JSON.stringify({
  method: root.getFirstPropertyValue("method"),
  name: root.getFirstPropertyValue("x-wr-calname"),
  timezones: zones.map(z => z.getFirstPropertyValue("tzid")),
  events,
}));
