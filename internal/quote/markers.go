package quote

import (
	"regexp"
	"sort"
	"strings"

	"github.com/heinlein/regbot/internal/fastre"
)

// This file holds every phrase, label and pattern the package knows about,
// as data. The code in the other files only combines them. When a mail client
// or a new footer turns up that is not recognised, the fix belongs here.
//
// All patterns are RE2 (linear time) and are matched against a single line
// (or at most three joined lines) that is already trimmed, so none of them
// needs to cope with line breaks. (?i) folds Unicode case, so "GRÜSSE"
// matches "grüße"-patterns only where ß/ss are both listed.

// lowerPatterns compiles patterns meant for lower-cased text.
func lowerPatterns(ps ...string) []*fastre.Regexp {
	res := make([]*fastre.Regexp, len(ps))
	for i, p := range ps {
		res[i] = fastre.MustCompile(p)
	}
	return res
}

// line wraps a pattern so that it has to match the whole trimmed line.
func line(p string) *fastre.Regexp { return fastre.MustCompile(`(?i)^(?:` + p + `)$`) }

// separator is a line that introduces carried-along text on its own,
// without a header block being needed to recognise it.
type separator struct {
	re      *fastre.Regexp
	kind    string // Header.Kind for the block that may follow
	forward bool   // the sender forwards (as opposed to replying/bouncing)
}

var separators = []separator{
	// Gmail "---------- Forwarded message ---------", Thunderbird
	// "-------- Weitergeleitete Nachricht --------" and its older
	// "-------- Original-Nachricht --------" (used for inline forwards),
	// and the same in a few neighbouring languages.
	{line(`-{2,}\s*(?:forwarded message|weitergeleitete nachricht|original-nachricht|message transféré|message transfere|mensaje reenviado|messaggio inoltrato|doorgestuurd bericht|wiadomość przekazana dalej)\s*-*`), "forward", true},
	// Lotus Notes: "----- Weitergeleitet von Anna Schmidt/Org am 20.03.2024 10:00 -----".
	{line(`-{2,}\s*(?:weitergeleitet von|forwarded by)\s.{1,160}`), "forward", true},
	// Apple Mail, Outlook for Mac and some webmailers: a sentence instead of dashes.
	{line(`(?:begin forwarded message|anfang der weitergeleiteten nachricht|weitergeleitete nachricht|forwarded message|début du message réexpédié|inizio messaggio inoltrato|mensaje reenviado|doorgestuurd bericht)\s*:?`), "forward", true},
	// Outlook replies (and forwards, which Outlook marks the same way).
	{line(`-{2,}\s*(?:original message|ursprüngliche nachricht|ursprungliche nachricht|originalnachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|oryginalna wiadomość)\s*-*`), "original-message", false},
	// Copies of the original in bounces and auto-replies ("Message text
	// follows", GMX "Kopie der Nachrichtenkopfzeilen", Exchange
	// "Ursprüngliche Nachrichtenkopfzeilen:", Google "----- Original message -----").
	{line(`\|?\s*-{3,}\s*message text follows:?\s*-*\s*\|?`), "original-message", false},
	{line(`-*\s*kopie der nachrichtenkopfzeilen.*`), "original-message", false},
	{line(`(?:ursprüngliche nachrichtenkopfzeilen|original message headers)\s*:`), "original-message", false},
	{line(`-+\s*(?:this is a copy of the message|below this line is a copy of the message).*`), "original-message", false},
}

// reRule is Outlook's horizontal rule in front of an unprefixed header
// block ("________________________________"); other long rules are allowed
// because HTML-to-text converters render the <hr> in different ways.
var reRule = line(`[_\x{2014}\x{2500}=-]{8,}|\*{8,}`)

// headerLabels maps the labels of quoted header blocks (lower case) to the
// Header field they fill; an empty field marks labels that belong to such a
// block but are not reported (Reply-To, Importance, the raw RFC 5322 lines
// bounces carry, …). Languages: German and English as Outlook, Gmail,
// Thunderbird and Apple Mail write them, plus French and Dutch Outlook.
var headerLabels = map[string]string{
	"von": "from", "from": "from", "de": "from", "van": "from", "absender": "from",
	"gesendet": "date", "sent": "date", "datum": "date", "date": "date", "envoyé": "date", "verzonden": "date", "gesendet am": "date",
	"an": "to", "to": "to", "à": "to", "aan": "to", "empfänger": "to",
	"cc": "cc", "kopie": "cc", "kopie an": "cc",
	"betreff": "subject", "subject": "subject", "objet": "subject", "onderwerp": "subject",
	"antwort an": "", "reply-to": "", "bcc": "", "priorität": "", "wichtigkeit": "", "importance": "",
	"anlagen": "", "anhang": "", "attachments": "", "organisation": "", "organization": "",
	"message-id": "", "in-reply-to": "", "references": "", "received": "", "return-path": "",
	"mime-version": "", "content-type": "", "content-transfer-encoding": "", "auto-submitted": "",
	"x-mailer": "", "user-agent": "", "delivered-to": "",
}

// reHeaderLine matches "Label: value" with the bold markers HTML-to-text
// leaves around Outlook's labels ("*Von:* …", "**From:** …") and the tab
// Thunderbird puts after them.
var reHeaderLine = func() *fastre.Regexp {
	labels := make([]string, 0, len(headerLabels))
	for l := range headerLabels {
		labels = append(labels, regexp.QuoteMeta(l))
	}
	// Longest first so that "kopie an" wins over "kopie".
	sort.Slice(labels, func(i, j int) bool {
		if len(labels[i]) != len(labels[j]) {
			return len(labels[i]) > len(labels[j])
		}
		return labels[i] < labels[j]
	})
	return fastre.MustCompile(`(?i)^\*{0,2}\s*(` + strings.Join(labels, "|") + `)\s*\*{0,2}\s*:\s*\*{0,2}[ \t]*(.*)$`)
}()

// reInlineLabel finds the labels of an Outlook header block that a
// converter collapsed onto one line ("Von: X Gesendet: … An: … Betreff: …").
var reInlineLabel = fastre.MustCompile(`(?i)\*{0,2}\b(von|from|gesendet|sent|datum|date|an|to|cc|betreff|subject)\*{0,2}:\*{0,2}\s`)

// attribution is one way mail clients introduce a quote with a sentence.
// from and date are the submatch indexes of the sender and the date (0: none).
type attribution struct {
	re         *fastre.Regexp
	from, date int
	// generic patterns ("X wrote:") carry no date, so they only count when
	// quoted lines follow or when the sender part holds an address.
	generic bool
}

var attributions = []attribution{
	// "Am 20.03.2024 um 10:15 schrieb Heinlein Support <mail@…>:" (Thunderbird,
	// Apple), "Am Mi., 20. März 2024 um 10:15 Uhr schrieb …:" (Gmail),
	// "Am 20.03.2024 10:15, schrieb …:" (old Thunderbird).
	{re: line(`am\s+(.+?),?\s+schrieb\s+(.+?)\s*:`), date: 1, from: 2},
	// "Heinlein Support <mail@…> schrieb am 20.03.2024 10:15:" (K-9, Roundcube).
	{re: line(`(.+?)\s+schrieb\s+am\s+(.+?)\s*:`), from: 1, date: 2},
	// Lotus Notes / Domino: "X hat am 20.03.2024 10:15 geschrieben:".
	{re: line(`(.+?)\s+hat\s+am\s+(.+?)\s+geschrieben\s*:`), from: 1, date: 2},
	// Gmail/Apple/Outlook English: the date ends at the last time or year,
	// everything after it up to "wrote" is the sender.
	{re: line(`on\s+(.+(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?|\d{4}))\s*,?\s+(.+?)\s+(?:wrote|writes|has written)\s*:`), date: 1, from: 2},
	{re: line(`on\s+(.+?),\s+(.+?)\s+(?:wrote|writes)\s*:`), date: 1, from: 2},
	{re: line(`(.+?)\s+wrote\s+on\s+(.+?)\s*:`), from: 1, date: 2},
	// French, Spanish, Dutch, Italian (cheap, and partners do write in them).
	{re: line(`le\s+(.+(?:\d{1,2}[:h]\d{2}|\d{4})),?\s+(.+?)\s+a\s+écrit\s*:`), date: 1, from: 2},
	{re: line(`el\s+(.+?),\s+(.+?)\s+escribió\s*:`), date: 1, from: 2},
	{re: line(`op\s+(.+?)\s+schreef\s+(.+?)\s*:`), date: 1, from: 2},
	{re: line(`il giorno\s+(.+\d)\s+(.+?)\s+ha scritto\s*:`), date: 1, from: 2},
	// Eudora: "At 07:21 PM 4/26/2006, Scott Karns wrote:".
	{re: line(`at\s+(.+\d),\s+(.+?)\s+wrote\s*:`), date: 1, from: 2},
	// Horde/IMP "Zitat von X <x@y>:" and its English form.
	{re: line(`(?:zitat von|quoting|citando|citation de)\s+(.+?)\s*:`), from: 1},
	// Bare "X wrote:" / "X schrieb:".
	{re: line(`(.{1,120}?)\s+(?:wrote|schrieb|writes|a écrit|escribió|ha scritto|schreef)\s*:`), from: 1, generic: true},
}

// reMobileFooter matches the lines phones, mail apps and virus scanners
// append by default. They say nothing about the request, so they leave New
// and go to the end of Signature. A trailing "<https://aka.ms/…>" link is
// part of them.
var reMobileFooter = line(`(?:` +
	`(?:von meine[mr](?:/meine[mr])?|gesendet von meinem|gesendet mit meinem|sent from my|sent with my|envoyé de mon|inviato da(?:l mio)?|enviado desde mi|verzonden met mijn|verstuurd vanaf mijn|wysłane z mojego)\s+.{1,60}` +
	`|(?:gesendet|sent|envoyé|verzonden)\s+(?:von|mit|from|with|via|avec|met)\s+(?:outlook|mail|yahoo|gmx|web\.de|t-online|blackberry|proton\s?mail|samsung|aol|der|dem|meinem|my)\b.{0,60}` +
	`|(?:get|holen sie sich|hol dir)\s+outlook\s+(?:for|für)\s+(?:ios|android)` +
	`|diese nachricht wurde von meinem .{1,60} gesendet\.?` +
	`|(?:von|sent from)\s+(?:unterwegs|mobile|my mobile)\s*(?:gesendet|device)?\.?` +
	// Antivirus advertisements appended the same way.
	`|(?:diese e-mail wurde von avast antivirus-software auf viren geprüft|this email has been checked for viruses by avast antivirus software|virenfrei\.?\s*www\.avast\.com|virus-free\.?\s*www\.avast\.com)` +
	`)\s*(?:<[^>]*>)?\s*[.!]?`)

// reSigDash is the RFC 3676 signature separator "-- "; lines are
// right-trimmed before matching and many clients drop the space anyway.
var reSigDash = fastre.MustCompile(`^--\s*$`)

// Closing formulas. A closing is recognised at the start of a line; what
// follows it on the same line may only be a place ("aus Kreuzberg") or a
// short name ("LG Svenja"). Strong closings end the letter on their own;
// weak ones ("Danke!", "Cheers", "Best") only when a name follows.
const (
	greetNoun = `(?:grüße|grüßen|gruß|grüsse|grüssen|gruss|gruesse|gruessen|grüßle|grüessli|grüße und dank|gruß und dank)`
	greetAdj  = `(?:viele|vielen|liebe|lieben|liebste|herzliche|herzlichen|herzlichem|herzlichste|herzlichsten|beste|besten|bestem|freundliche|freundlichen|freundlichem|schöne|schönen|sonnige|sonnigen|kollegiale|kollegialen|kollegialem|nette|netten|frohe|frohen|ganz|allerbeste|hochachtungsvolle|sommerliche|sommerlichen|winterliche|winterlichen|österliche|österlichen|frühlingshafte|frühlingshaften|\p{L}{3,}er)` // the last: place adjectives, "Berliner Grüße"
	thanksPre = `(?:(?:vielen|herzlichen|besten|tausend|nochmals|nochmal|schon mal|schonmal|im voraus)\s+)*(?:dank|danke|dankeschön|danke schön)(?:\s+(?:im voraus|schon mal|vorab))?\s*(?:und|&|\+|,|!|\.)?\s*`
	placeExt  = `(?:\s+(?:aus|vom|nach|in|from|aus dem|aus der|an alle|zurück)\s+[\p{L}\-]+(?:\s+[\p{L}\-]+)?)?`
)

// The closing patterns use leftmost-longest matching (see init) so that
// "Grüßen" is not cut to "Grüße" and "Thanks a lot" not to "Thanks".
var (
	reStrongClosing = regexp.MustCompile(`(?i)^(?:` +
		`(?:` + thanksPre + `)?(?:(?:mit|und|&)\s+)?(?:` + greetAdj + `\s+)*` + greetNoun + placeExt +
		`|lg|vg|mfg|glg|bg|lgs|mvg` +
		`|hochachtungsvoll|tschüss|tschüs|ciao|adieu` +
		`|(?:(?:many\s+)?thanks|thank you)?\s*[,!]?\s*(?:and|&)?\s*(?:with\s+)?(?:(?:kind|best|warm|warmest|kindest|many|my|kind personal)\s+)?regards` + placeExt +
		`|best wishes|all the best|all best|sincerely|yours sincerely|sincerely yours|yours faithfully|yours truly|warmly|warm wishes` +
		`|cordialement|bien cordialement|bien à vous|salutations distinguées|amicalement|saludos|un saludo|cordiali saluti|distinti saluti` +
		`|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groeten` +
		`)`)
	reWeakClosing = regexp.MustCompile(`(?i)^(?:` +
		`(?:(?:vielen|herzlichen|besten|tausend|nochmals)\s+)?(?:dank|danke|dankeschön|danke schön)(?:\s+(?:im voraus|schon mal|vorab|euch|ihnen|dir))?` +
		`|thanks(?: a lot| again| in advance| so much)?|thank you(?: very much| in advance)?|many thanks|thx` +
		`|cheers|best|bis bald|bis dann|bis später|bis morgen|take care|merci` +
		`|schönes wochenende|schönen abend|schönen tag|einen schönen tag(?: noch)?|have a (?:nice|good|great) (?:day|weekend)` +
		`)`)
	// Continues a closing on its line: "Viele Grüße und bis bald", "… & danke".
	reClosingTail = fastre.MustCompile(`(?i)^(?:und|&|\+|sowie|and)\s+\S`)
	// Joins two closings written side by side: "Mit freundlichen Grüßen / Kind regards".
	reClosingJoin = fastre.MustCompile(`^\s*(?:/|\||–|-|\+)\s*`)
)

// reDelegation are "on behalf of" lines written between the closing and
// the name ("i. A.", "Im Auftrag"); they belong to the closing so that the
// signature starts with the name.
var reDelegation = fastre.MustCompile(`(?i)^(?:i\.\s?a\.|i\.\s?v\.|im auftrag|in vertretung|per procura|ppa\.|pp\.|on behalf of)(?:\s+|$)`)

// rePostScript starts a paragraph the sender wrote after signing.
var rePostScript = fastre.MustCompile(`(?i)^(?:p\.\s?s\.|ps:|ps\s|pps:|p\.p\.s\.|nachtrag:)`)

// Disclaimer markers. Legal footers are recognised line by line (imprint
// data: register, managing directors with a colon, tax ids, privacy-notice
// links, print-the-mail reminders) or, for prose paragraphs, by the ideas
// they are made of: a paragraph needs two of the disclaimerGroups, or an
// opt-out sentence. One idea is not enough, because a sender's own sentence
// ("Bitte löschen Sie meine Daten") must never vanish into the footer.
//
// These lists are matched against lower-cased text, so they are written in
// lower case without (?i), and every pattern starts with a literal: the
// regexp package then skips to candidates with a substring search, which
// keeps the footer test cheap on long paragraphs (TestMarkerPrefixes
// enforces this).

// legalLinePatterns mark a line as imprint or footer data.
var legalLinePatterns = lowerPatterns(
	// commercial/association register: court plus number, or the register named at all
	`amtsgericht\b.{0,60}\b(?:hr[ab]|vr|gnr|pr)\.?\s*(?:nr\.?\s*)?\d`,
	`registergericht`, `handelsregister`, `vereinsregister`, `genossenschaftsregister`, `partnerschaftsregister`,
	`registernummer`, `register court`, `commercial register`,
	`hr[ab]\s*(?:nr\.?\s*)?:?\s*\d{3,}`, `vr\s*\d{3,}`,
	// seat, managing directors and boards, as labelled entries ("Geschäftsführer" alone is a role)
	`sitz der gesellschaft`, `sitz\s*:`, `registered office`, `registered in england`, `registered in germany`, `company (?:no|number|registration)\\b`,
	`geschäftsführ(?:er|erin|ung|ende|er/in|erinnen|ende gesellschafter)?\s*(?:\([^)]*\)\s*)?:`,
	`managing directors?\\s*:`, `ceo\s*:`, `vorstand\s*:`, `vorstände\s*:`, `vorsitzende[r]? des (?:vorstands|aufsichtsrats?)`,
	`aufsichtsrat(?:svorsitzende[r]?)?\s*:`, `board of directors\s*:`, `persönlich haftende`,
	// tax ids
	`ust\.?-?\s?id`, `umsatzsteuer-?id`, `steuer-?nr\.?\s*:`, `steuernummer\s*:`, `vat\s*(?:id|no|reg)`, `tax id`, `w-?idnr`,
	// privacy-notice pointers, with a target, so that a sender's own sentence about data protection is none
	`datenschutz(?:hinweis\w*|erklärung|information\w*|bestimmungen)?\s*(?::|finden sie|unter\b|https?://|www\.)`,
	`informationen zum datenschutz`, `hinweise zum datenschutz`, `privacy policy`, `privacy notice`, `privacy statement`, `impressum\s*:`,
	// print reminders
	`bitte denken sie an die umwelt`, `ausdruck dieser (?:e-?mail|nachricht)`, `mail (?:wirklich )?ausdrucken`, `nachricht (?:wirklich )?ausdrucken`,
	`consider the environment`, `before printing`, `think before you print`, `please don't print`,
)

// disclaimerGroups are the ideas legal footers are made of, as lower-case
// substrings.
var disclaimerGroups = [][]string{
	// confidentiality
	{"vertraulich", "confidential", "privileged", "rechtlich geschützt", "geheimhaltung", "berufsgeheimnis"},
	// wrong recipient
	{"nicht der richtige", "nicht der beabsichtigte", "nicht der vorgesehene", "nicht der bestimmungsgemäße", "nicht der genannte",
		"irrtümlich", "fälschlicherweise", "versehentlich erhalten", "in error", "intended recipient", "not the intended", "not the named", "addressee"},
	// what to do about it
	{"löschen sie", "vernichten sie", "benachrichtigen sie", "den absender", "delete this", "delete the", "delete it", "destroy", "notify the sender", "notify us"},
	// forbidden use
	{"unbefugte", "unerlaubte", "unberechtigte", "nicht gestattet", "untersagt", "unauthorised", "unauthorized", "strictly forbidden", "strictly prohibited", "disclosure", "weitergabe"},
}

// optOutPatterns are the marketing/newsletter footers that tell the reader
// how to stop receiving mail; one makes a disclaimer paragraph on its own.
var optOutPatterns = lowerPatterns(
	`wenn sie (?:künftig |in zukunft )?keine (?:weiteren )?(?:informationen|e-?mails|mails|nachrichten|newsletter|werbung|angebote)\b.{0,60}\b(?:erhalten|bekommen|wünschen)`,
	`falls sie (?:künftig |in zukunft )?keine (?:weiteren )?(?:informationen|e-?mails|mails|nachrichten|newsletter|werbung|angebote)\b.{0,60}\b(?:erhalten|bekommen|wünschen)`,
	`sie möchten keine (?:weiteren )?(?:informationen|e-?mails|mails|nachrichten|newsletter|werbung|angebote)\b.{0,40}\berhalten`,
	`sie (?:diese[n]? |unsere[n]? )?(?:e-?mails|mails|nachrichten|newsletter|informationen) (?:künftig |in zukunft )?nicht mehr (?:erhalten|bekommen|wünschen)`,
	`you (?:no longer|don't|do not) (?:want|wish) to (?:receive|hear)`,
	`to unsubscribe`, `newsletter abbestellen`, `vom newsletter abmelden`, `you are receiving this`,
	`sie erhalten diese[n]? (?:e-?mail|newsletter|nachricht),? weil`,
)

// reOptOutLine is the one-line form: "Abmelden: https://…".
var reOptOutLine = fastre.MustCompile(`(?i)^(?:abmelden|abbestellen|austragen|unsubscribe|newsletter abbestellen)\s*:\s*\S`)

// reFirstPerson guards the prose test: legal footers are impersonal, a
// sender's own request is not. German pronouns fold case; English "I"/"me"
// only as written, so that "ME" in an address does not count.
var reFirstPerson = fastre.MustCompile(`(?i:\b(?:ich|mich|mir|mein|meine|meinen|meinem|meiner|meines)\b)|\b(?:I|I'm|I'd|I'll|I've|me|my|My)\b`)

// Contact lines: what signature blocks are made of besides names.
var reContactLine = fastre.MustCompile(`(?i)` +
	`^(?:tel|telefon|fon|phone|mobil|mobile|handy|fax|t|m|f|p|e|e-mail|email|mail|web|www|internet)\.?\s*[:.]?\s*[+(\d]` + // Tel.: +49 …
	`|^(?:tel|telefon|phone|mobil|fax|e-mail|email|mail|web|internet)\.?\s*:` +
	`|\+\d{2}[\d\s/().-]{6,}` + // international number
	`|\(0\d{2,5}\)\s*\d|\b0\d{2,5}[\s/-]\d{3,}` + // national number
	`|[^\s@<>]+@[^\s@<>]+\.\p{L}{2,}` + // address
	`|https?://|\bwww\.` +
	`|\b\d{5}\s+\p{Lu}` + // German postcode + town
	`|(?:straße|strasse|str\.|platz|allee|damm|weg|ufer|chaussee|gasse|ring|markt|street|road|avenue)\s*\d`)

// sigKeywords mark a line as an organisation, unit or role rather than a
// person's name; they stop a name test from accepting "Spreeware GmbH" or
// "Senior Consultant" as a person, and stop a list of attendees from
// passing as a signature.
var sigKeywords = fastre.MustCompile(`(?i)(?:^|[^\p{L}])(?:` +
	`gmbh|mbh|ag|e\.\s?v\.|eg|ug|kg|gbr|aör|ltd|inc|llc|plc|sarl|partg` +
	`|bezirksamt|senatsverwaltung|senatskanzlei|landesamt|bundesamt|amt|ministerium|behörde|verwaltung|rathaus|kommune|stadt|landkreis|polizei|feuerwehr|ihk|kammer` +
	`|referat|abteilung|bereich|stabsstelle|sekretariat|büro|fachbereich|serviceeinheit|institut|lehrstuhl|fakultät|universität|hochschule|university|college|schule` +
	`|verband|verein|stiftung|foundation|genossenschaft|netzwerk|initiative|gruppe|group|team|support|service|services|consulting|software|systems|solutions|labs|lab|data|digital|media|medien|agentur|agency|partner|partners|holding|company|corporation` +
	`|leiter|leiterin|leitung|referent|referentin|geschäftsführer|geschäftsführerin|assistenz|assistant|sachbearbeiter|sachbearbeiterin|manager|consultant|engineer|developer|entwickler|entwicklerin|berater|beraterin|director|head|ceo|cto|cio|coo|cfo|vorstand|redakteur|redakteurin|professor|professorin|beauftragte|beauftragter|koordinator|koordinatorin|officer|designer|founder|co-founder|inhaber|inhaberin|mitarbeiter|mitarbeiterin|student|studentin|praktikant|praktikantin` +
	`)(?:[^\p{L}]|$)`)

// nonNameWords cannot start a person's name line; they start sentences,
// salutations and closings that happen to be short and capitalised.
var nonNameWords = map[string]bool{
	"hallo": true, "hi": true, "hey": true, "moin": true, "servus": true, "liebe": true, "lieber": true, "sehr": true, "guten": true,
	"danke": true, "vielen": true, "bitte": true, "bis": true, "ich": true, "wir": true, "sie": true, "mit": true, "für": true,
	"am": true, "im": true, "in": true, "an": true, "auf": true, "und": true, "oder": true, "aber": true, "die": true, "der": true, "das": true,
	"den": true, "dem": true, "ein": true, "eine": true, "gerne": true, "gern": true, "ja": true, "nein": true, "ok": true, "okay": true,
	"thanks": true, "thank": true, "dear": true, "hello": true, "the": true, "please": true, "yes": true, "no": true, "see": true, "best": true,
	"regards": true, "cheers": true, "gruß": true, "grüße": true, "viele": true, "beste": true, "herzliche": true, "freundliche": true,
	"anbei": true, "hiermit": true, "leider": true, "auch": true, "noch": true, "nur": true, "schon": true, "dann": true, "so": true,
	"termin": true, "frage": true, "anmeldung": true, "betreff": true, "von": true, "gesendet": true, "sent": true,
}

// nameParticles may be lower case inside a capitalised name.
var nameParticles = map[string]bool{
	"von": true, "van": true, "vom": true, "zu": true, "zur": true, "de": true, "der": true, "den": true, "del": true, "della": true,
	"da": true, "di": true, "du": true, "la": true, "le": true, "y": true, "bin": true, "ibn": true, "al": true, "el": true, "ten": true, "ter": true, "und": true,
}

// sigAbbrevs may end a signature line with a dot ("Freie Software e.V.",
// "Collaboratory Software Ltd."); any other line ending in a dot is a sentence.
var sigAbbrevs = map[string]bool{
	"dr.": true, "prof.": true, "dipl.": true, "ing.": true, "ltd.": true, "inc.": true, "co.": true, "corp.": true,
	"str.": true, "mbh.": true, "gmbh.": true, "ag.": true, "kg.": true, "jr.": true, "sr.": true, "a.d.": true, "i.r.": true,
}

// reBullet starts list items, which are content, not signature lines.
var reBullet = fastre.MustCompile(`^(?:[-*•–·]\s|\d{1,2}[.)]\s|[a-z][.)]\s)`)

// reSMTPCommand starts the client lines of an SMTP transcript (">>> DATA").
var reSMTPCommand = fastre.MustCompile(`^(?:RCPT TO|RCPT To|MAIL FROM|MAIL From|DATA|EHLO|HELO|LHLO|QUIT|RSET|STARTTLS|AUTH|BDAT)\b`)

// reMailto and reCID are the Outlook artefacts removed before splitting.
var (
	reMailto = fastre.MustCompile(`(?i)<mailto:[^>\n]*>`)
	reCID    = fastre.MustCompile(`(?i)\[cid:[^\]\n]*\]`)
)

func init() {
	reStrongClosing.Longest()
	reWeakClosing.Longest()
}
