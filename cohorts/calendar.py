"""A cohort's sessions as an RFC 5545 calendar, built with the icalendar package
(which folds long lines and escapes commas, semicolons and newlines), its words in
the active language."""

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.translated import lang_attribute, shown

PRODUCT_ID = "-//Equity Commons//Cohort calendar//EN"


def session_uid(session) -> str:
    # Stable across hosts and renames, so calendar apps update events in place.
    return f"cohort-session-{session.pk}@equity-commons"


def cohort_calendar(cohort, sessions, *, site_url: str, private: bool) -> bytes:
    """The sessions as a feed; private details (place, link, agenda, materials)
    only when `private`."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname",
        f"{shown(cohort, 'name').text}: {shown(cohort.program, 'label').text}",
    )
    for session in sessions:
        calendar.add_component(
            _event(session, cohort, site_url=site_url, private=private)
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(session, cohort, *, site_url: str, private: bool) -> Event:
    zone = session.zone
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", session.updated_at)
    event.add("last-modified", session.updated_at)
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    title = shown(session, "title")
    # A title in another language than the calendar's says so (RFC 5545's
    # LANGUAGE), as lang="en" does on a page.
    language = {"language": title.lang} if lang_attribute(title.lang) else {}
    event.add("summary", title.text, parameters=language)
    event.add("categories", [session.get_kind_display()])
    if session.cancelled:
        event.add("status", "CANCELLED")  # calendar apps strike it through
    if private:
        event.add("url", site_url + session.get_absolute_url())
        place = session.location or (
            session.host_city.city if session.host_city_id else ""
        )
        if place:
            event.add("location", str(place))
    else:
        event.add("url", site_url + cohort.get_absolute_url())
    lines = _description(session, site_url=site_url, private=private)
    if lines:
        event.add("description", "\n\n".join(lines))
    return event


def _description(session, *, site_url: str, private: bool) -> list[str]:
    """The event's paragraphs, in the active language."""
    lines = []
    if session.is_illustrative:
        lines.append(_("Illustrative date."))
    if session.host_city_id:
        lines.append(_("Host city: %(city)s") % {"city": session.host_city.city})
    if not private:
        return lines
    if session.online_url:
        lines.append(_("Join online: %(url)s") % {"url": session.online_url})
    if session.agenda_html:
        lines.append(strip_tags(session.agenda_html).strip())
    for resource in session.materials.all():
        url = site_url + resource.get_absolute_url()
        lines.append(
            _("Material: %(title)s %(url)s")
            % {"title": shown(resource, "title").text, "url": url}
        )
    return lines
