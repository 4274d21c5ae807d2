// Package templates holds the German wording of every mail regbot sends to a
// person, as Go templates embedded into the binary. Package
// internal/reply parses them (text/template for *.txt.tmpl, html/template for
// *.html.tmpl, option missingkey=error), fills them and builds the mail; an
// operator can replace any file with one of the same name in the folder named
// by the configuration key `templates` (`regbot check-config` renders every
// kind with sample data, so a broken replacement is reported before anyone
// gets the mail).
//
// # Files
//
// partials.txt.tmpl and partials.html.tmpl define the parts every mail
// shares; each kind's file is parsed together with the partials of its format
// and may redefine any of them:
//
//	greeting   the salutation line (.Greeting)
//	event      the event block: title, date and time, place, room
//	eventdate  the same with the date only (interest: times are not fixed yet)
//	others     the other people of a registration with their status
//	attendees  everyone of the registration, the recipient as "Sie selbst"
//	status     "Der Stand für alle Personen Ihrer Anmeldung:" and attendees,
//	           only when the registration has other people
//	footer     "Mit freundlichen Grüßen", .Team, mailbox line, data protection
//	privacy    the data-protection line (what is stored, how long, deletion on request)
//	top        (HTML only) document head and greeting
//
// One text and one HTML file per kind; the text file also defines "subject",
// used when the mail answers nothing (otherwise the subject is "Re: " and the
// original subject):
//
//	confirmation       registration confirmed, to the sender; lists the others
//	                   registered with it and their status; calendar attached
//	attendee           to a person someone else registered (.RegisteredBy); calendar attached
//	already            already registered, nothing changed; the same calendar entry again
//	waitlist           on the waiting list at .Position; plainly not a confirmation
//	promoted           moved up from the waiting list, now confirmed; calendar attached
//	late               after the deadline: not accepted
//	late_review        after the deadline: a person decides and answers
//	interest           noted for an event without registration yet
//	closed             registration is closed
//	cancelled          cancellation confirmed; calendar cancellation attached
//	nothing_to_cancel  no registration under the sender's address
//	deleted            personal data erased (Art. 17 DSGVO)
//	question           acknowledgement: a colleague will answer
//
// # Data
//
// Every template gets the same value (dot):
//
//	.Kind           the kind, e.g. "waitlist"
//	.Subject        the subject of the mail (set for the body, empty while "subject" runs)
//	.Greeting       "Sehr geehrte Frau Dr. Öztürk," / "Sehr geehrter Herr Köhler," /
//	                "Guten Tag Jürgen Köhler," (no salutation known) / "Guten Tag," (no name)
//	.To             the recipient: .Name, .Email, .Salutation ("Frau", "Herr", ""),
//	                .Ref (how to speak of them: "Frau Dr. Öztürk", else name, else address)
//	.From           the mailbox: .Name ("Heinlein Support"), .Email
//	.Team           the signature, e.g. "Ihr Veranstaltungsteam der Heinlein Gruppe"
//	.Event          nil for deleted, question and (optionally) nothing_to_cancel; else
//	                .Title, .When ("Donnerstag, 18. April 2024, 13:00 bis 17:30 Uhr"),
//	                .Date ("Donnerstag, 18. April 2024"), .Time ("13:00 bis 17:30 Uhr",
//	                empty over several days), .ShortDate ("18.04.2024"), .Deadline
//	                ("Freitag, 12. April 2024", empty if none), .Location (one line),
//	                .Room, .Description, .Organizer (.Name, .Email)
//	.Attendees      everyone of the registration: .Name, .Email, .Ref (name, else
//	                address), .Status (confirmed, waitlist, late, refused, interest,
//	                cancelled, closed), .Already (it was so before this mail),
//	                .StatusText ("Teilnahme bestätigt", "Warteliste, Platz 2", …),
//	                .Position, .Self (this is the recipient)
//	.Self           the recipient's own entry of .Attendees, or nil
//	.Others         .Attendees without the recipient
//	.SenderAttends  true when .Attendees is empty (the recipient alone) or lists the recipient
//	.SelfStatus     the recipient's own status: from .Self, or what the kind implies when
//	                the recipient is alone ("confirmed" for confirmation, "waitlist" for
//	                waitlist, …); "" when the recipient registered only others
//	.Waiting        someone in .Attendees is on the waiting list
//	.Pending        someone in .Attendees came after the deadline and waits for a decision
//	.Position       the recipient's waiting-list position (0 = unknown)
//	.RegisteredBy   who registered the recipient (.Name, .Email, .Salutation, .Ref), or nil
//	.Calendar       a calendar file (einladung.ics) is attached
//	.RetentionDays  days after the event the data is deleted (0 = say nothing about it)
//
// Functions: plural N ONE MANY ({{plural (len .Others) "Person" "Personen"}});
// in HTML also lines TEXT (split into lines).
//
// The text output is tidied: trailing blanks are removed (except in the
// signature separator "-- ") and runs of blank lines become one, so
// conditional blocks need no whitespace trimming.
package templates

import "embed"

// FS holds every *.tmpl file of this folder.
//
//go:embed *.tmpl
var FS embed.FS
