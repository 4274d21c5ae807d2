package lexicon

// Salutations stand before a name and are not part of it.
var Salutations = []string{"Herr", "Herrn", "Frau", "Hr.", "Fr.", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Dear"}

// AcademicTitles are kept as part of a name, as written.
var AcademicTitles = []string{"Mag.", "Mag.a", "DI", "Dipl.-Päd.", "M.A.", "M.Sc.", "B.Sc.", "MBA", "LL.M.", "Prof.", "Dr.", "Dr.-Ing.", "Dipl.-Ing.", "Dipl.-Inf.", "Dipl.-Kfm.", "PD", "Professor", "Professorin", "h.c.", "med.", "rer.", "nat.", "jur.", "phil.", "pol."}

// OfficeTitles are functions that stand between a salutation and a name
// ("Frau Bezirksstadträtin Dr. Claudia Neumann"); they are not part of it.
var OfficeTitles = []string{
	"Bezirksstadtrat", "Bezirksstadträtin", "Bezirksbürgermeister", "Bezirksbürgermeisterin",
	"Bürgermeister", "Bürgermeisterin", "Staatssekretär", "Staatssekretärin", "Senator", "Senatorin",
	"Stadtrat", "Stadträtin", "Abteilungsleiter", "Abteilungsleiterin", "Referatsleiter", "Referatsleiterin",
	"Geschäftsführer", "Geschäftsführerin", "Vorstandsvorsitzender", "Vorstandsvorsitzende", "Direktor",
	"Direktorin", "Präsident", "Präsidentin", "Vizepräsident", "Vizepräsidentin", "Minister", "Ministerin",
	"Kollege", "Kollegin", "Kollegen", "Staatsrat", "Staatsrätin", "Amtsleiter", "Amtsleiterin",
	"Leiter", "Leiterin", "Dekan", "Dekanin", "Rektor", "Rektorin", "Kanzler", "Kanzlerin",
}

// OnBehalf are markers that a signer writes for somebody else or for an
// office ("i. A."); they stand before the signer's name and are dropped.
var OnBehalf = []string{"i. A.", "i.A.", "iA", "i. V.", "i.V.", "im Auftrag", "In Vertretung", "pp.", "ppa.", "p.p.", "i. A"}

// Roles are words of a job title or function line in a signature.
var Roles = []string{
	"geschäftsführer", "geschäftsführerin", "geschäftsführung", "assistenz", "assistent", "assistentin",
	"referent", "referentin", "sachbearbeiter", "sachbearbeiterin", "leiter", "leiterin", "leitung",
	"redakteur", "redakteurin", "journalist", "journalistin", "rechtsanwalt", "rechtsanwältin",
	"vorstand", "vorständin", "vorsitzender", "vorsitzende", "sekretariat", "sekretärin", "sekretär",
	"berater", "beraterin", "entwickler", "entwicklerin", "softwareentwickler", "softwareentwicklerin",
	"consultant", "manager", "managerin", "officer", "director", "head", "engineer", "developer", "designer",
	"cto", "ceo", "cio", "coo", "cfo", "founder", "co-founder", "gründer", "gründerin", "mitgründer", "partner",
	"inhaber", "inhaberin", "projektleiter", "projektleiterin", "architekt", "architektin", "koordinator",
	"koordinatorin", "studentin", "student", "doktorand", "doktorandin", "postdoc", "professor", "professorin",
	"mitarbeiter", "mitarbeiterin", "beauftragte", "beauftragter", "datenschutzbeauftragte", "business",
	"development", "marketing", "vertrieb", "sales", "events", "presse", "pressesprecher", "pressesprecherin",
	"bezirksstadtrat", "bezirksstadträtin", "freelancing", "freelancer", "freiberuflich", "freiberuflicher",
	"freiberufliche", "selbstständig", "selbständig", "it-beraterin", "it-berater", "specialist", "lead",
	"team lead", "senior", "junior", "policy", "analyst", "analystin", "fachbereichsleiter", "dozent", "dozentin",
	"chair", "professur", "wissenschaftlicher", "wissenschaftliche", "research", "researcher", "fellow", "pensioniert",
	"rentner", "rentnerin", "pensionär", "ehrenamtlich",
}

// RoleSuffixes end words of a job title ("Bereichsleiter",
// "Digitalisierungslotsin", "Fachanwältin").
var RoleSuffixes = []string{"rektor", "rektorin", "dekan", "dekanin", "präsident", "präsidentin", "kanzler", "kanzlerin", "architect", "leiter", "leiterin", "leitung", "referent", "referentin", "beauftragte", "beauftragter", "manager", "managerin", "direktor", "direktorin", "koordinator", "koordinatorin", "berater", "beraterin", "entwickler", "entwicklerin", "sprecher", "sprecherin", "lotse", "lotsin", "assistent", "assistentin", "sachbearbeiter", "sachbearbeiterin", "redakteur", "redakteurin", "anwalt", "anwältin", "officer", "engineer", "architekt", "architektin", "wissenschaftler", "wissenschaftlerin", "mitarbeiter", "mitarbeiterin"}

// Descriptions mark a self-description that names no organisation
// ("freie IT-Beraterin", "currently freelancing").
var Descriptions = []string{"freiberuflich", "freiberuflicher", "freiberufliche", "freie", "freier", "freelancing", "freelancer", "selbstständig", "selbständig", "privat"}

// Units are words of a line that names a department, not the institution.
var Units = []string{
	"referat", "abteilung", "abt.", "bereich", "fachbereich", "stabsstelle", "serviceeinheit", "steuerungsdienst",
	"geschäftsstelle", "büro", "sekretariat", "institut", "lehrstuhl", "fachgebiet", "gruppe", "group", "team",
	"dezernat", "sachgebiet", "amt für bürgerdienste", "produktmanagement", "informationstechnik",
	"it-service", "it-steuerung", "it-koordination", "zentrale vergabestelle", "zentrale poststelle",
	"poststelle", "department", "division", "unit", "zentraler service", "it-sicherheit", "it-infrastruktur",
	"digitalisierung", "it und digitalisierung", "strategie", "anstalt des öffentlichen rechts",
	"körperschaft des öffentlichen rechts", "stiftung des öffentlichen rechts", "schulungen", "support",
	"open distributed systems", "innovationspolitik", "digitale wirtschaft", "redaktion", "fachdienst", "research group",
	"prüfungsgebiet", "zentrale dienste", "personal", "it", "chair", "professur", "arbeitsgruppe", "forschungsgruppe",
}

// PublicLawForms are lines that only state a legal form of public law;
// they are no institution's name.
var PublicLawForms = []string{"anstalt des öffentlichen rechts", "körperschaft des öffentlichen rechts", "stiftung des öffentlichen rechts", "stiftung bürgerlichen rechts", "eingetragener verein"}

// UnitSuffixes end words that name a department ("Servicebereich").
var UnitSuffixes = []string{"bereich", "abteilung", "referat"}

// LegalForms end an organisation's name.
var LegalForms = []string{
	"GmbH", "gGmbH", "AG", "e.V.", "eV", "e. V.", "eG", "e.G.", "UG", "GbR", "OHG", "KG", "mbB", "PartG", "Ltd.", "Ltd",
	"Inc.", "Inc", "LLC", "AöR", "SE", "KGaA", "GmbH & Co. KG", "gAG", "Stiftung", "Foundation", "Verband", "Verein",
}

// OrgWords are words that make a line or phrase an institution.
var OrgWords = []string{
	"senatsverwaltung", "senatskanzlei", "bezirksamt", "landesamt", "landesverwaltungsamt", "amt für", "ministerium",
	"bundesamt", "hochschule", "universität", "university", "fachhochschule", "akademie", "institut für",
	"ihk", "handwerkskammer", "kammer", "verband", "bundesverband", "verein", "stiftung", "foundation", "polizei",
	"feuerwehr", "gesellschaft", "agentur", "agency", "behörde", "landeshauptstadt", "stadtverwaltung",
	"rathaus", "verkehrsverbund", "stadtwerk", "stadtwerke", "betriebe", "labs", "consulting", "systemhaus",
	"software", "solutions", "services", "service", "partner", "data", "digital", "technologie", "network",
	"netzwerk", "cloud", "spiegel", "tagesspiegel", "alliance", "commons", "europe", "projekt", "kanzlei",
	"beratung", "vergabeberatung", "itdz", "bvg", "bsr", "hwr", "bht", "htw", "tu", "fu", "hu",
	"landkreis", "kreisverwaltung", "gemeinde", "stadt", "landesarchiv", "rechnungshof", "verwaltungsakademie",
	"investitionsbank", "bank", "klinik", "klinikum", "charité", "institute", "universitätsmedizin", "sparkasse",
	"kirche", "diakonie", "caritas", "genossenschaft", "rechtsanwälte", "partnerschaft",
}

// RoleMailboxes are local parts of shared or functional mailboxes: an
// attendee who has a personal address is better reached there.
var RoleMailboxes = []string{
	"info", "kontakt", "contact", "mail", "post", "poststelle", "office", "buero", "büro", "sekretariat",
	"sekr", "team", "service", "support", "vergabe", "datenschutz", "verwaltung", "zentrale", "digitalisierung",
	"events", "presse", "redaktion", "hallo", "hello", "anmeldung", "orga", "it", "admin", "verwaltung",
}

// NotAPerson are words that show a display name belongs to a team, a
// family or a function, not to a person.
var NotAPerson = []string{
	"familie", "family", "sekretariat", "team", "poststelle", "zentrale", "vergabestelle", "datenschutz",
	"support", "service", "büro", "office", "abt.", "abteilung", "referat", "redaktion", "info", "kontakt",
	"newsletter", "buchhaltung", "verwaltung", "gmbh", "e.v.", "ag", "bezirksamt", "senatsverwaltung", "lvwa",
	"lageso", "ba", "mailbox", "postmaster", "mailer-daemon", "noreply", "no-reply", "it-service",
}

// CountWords map number words to numbers for "wir kommen zu dritt".
var CountWords = map[string]int{
	"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
	"zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6,
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"beide": 2, "beiden": 2, "both": 2,
}

// SelfMarkers are words with which a writer lists themselves among the
// people they register ("und ich selbst", "mich selbst").
var SelfMarkers = []string{
	`\bund\s+ich\b`, `\bich\s+selbst\b`, `\bmich\s+selbst\b`, `\bfuer\s+mich\b`, `\bmich\s+und\b`,
	`\bund\s+mich\b`, `\bich\s+und\b`, `\bmich\s+sowie\b`, `\bme\s+and\b`, `\band\s+me\b`, `\band\s+myself\b`,
	`\bsowie\s+mich\b`, `\bmeine\s+wenigkeit\b`, `\band\s+i\b`, `\bi\s+and\b`, `\bmyself\b`,
}

// SelfExcluded are phrases with which a writer says they will not come
// themselves while registering others.
var SelfExcluded = []string{
	`\b(i'?m|i\s+am)\s+(travelling|traveling|away|unavailable|not\s+available|out\s+of\s+office)\b`,
	`\b(it\s+will\s+be\s+)?just\s+(her|him|them)\b`,
	`\bich\s+selbst\b[^.!?;]{0,80}?\b(nicht|leider|verhindert|dienstreise|urlaub)\b`,
	`\bselbst\s+(nehme|kann|bin|werde)\s+ich\b[^.!?;]{0,40}?\b(nicht|leider)\b`,
	`\bi\s+(myself\s+)?(cannot|can'?t|won'?t)\b`,
}

// Colleagues are words that introduce somebody the writer brings along
// ("meine Kollegin Annika Schöne").
var Colleagues = []string{"Kommilitone", "Kommilitonin", "Kommilitonen", "Geschäftspartner", "Geschäftspartnerin", "Partnerin", "Begleitung", "Kollege", "Kollegen", "Kollegin", "Kolleginnen", "colleague", "colleagues", "Masterstudenten", "Masterstudentin", "Mitarbeiter", "Mitarbeiterin", "Mitarbeiterinnen", "Chef", "Chefin", "Vorgesetzten", "Doktorandin", "Doktoranden", "Studenten", "Studentin"}

// HeadCount phrases give the number of people coming: "zu dritt" counts
// the writer, "zwei Kolleginnen" does not.
var HeadCount = `\b(?:zu\s+(zweit|dritt|viert|fünft|sechst)|(zwei|drei|vier|fünf|sechs|two|three|four|five|\d)\s+(personen|plätze|teilnehmende\w*|teilnehmer\w*|leute|people|seats|kolleg\w*|studierende\w*|mitarbeit\w*|colleagues))\b`

// HeadCountOthers are the nouns of HeadCount that leave the writer out.
var HeadCountOthers = []string{"kolleg", "colleague", "mitarbeit"}

// LineStarts are words that begin a line of text, never a name.
var LineStarts = []string{"Vielen", "Viele", "Danke", "Dank", "Mit", "Beste", "Liebe", "Herzliche", "Freundliche", "Bitte", "Hallo", "Guten", "Sehr", "Wir", "Ich", "Sie", "Es", "Das", "Die", "Der", "Und", "Oder", "Name", "E-Mail", "Funktion", "Telefon", "Thanks", "Best", "Kind", "Regards", "Many", "Please", "Anbei", "Hiermit", "Gerne", "Gern", "Leider"}

// LowerCaseNotNames are words that may follow a closing in lower case but
// are no name ("Thanks a lot").
var LowerCaseNotNames = []string{"wishes", "greetings", "grüße", "gruß", "lot", "all", "you", "und", "the", "and", "viele", "liebe", "beste", "danke", "thanks", "dank", "regards", "best", "team", "ihr", "euer", "eure", "ihre", "cheers", "gruss", "gruesse", "bis", "dann", "bald", "aus"}

// Closings start the end of a mail; what follows on the line may be a name
// ("LG Svenja").
var Closing = `^(mit\s+)?(freundlichen|freundlichem|besten|beste|vielen|viele|lieben|liebe|herzlichen|herzliche|schönen|schöne|sonnigen|sonnige)?\s*(grüßen|grüße|grüsse|gruesse|gruß|gruss)\b|^(best wishes|warm regards|kind regards|best regards|with best regards|all the best|many thanks|thanks a lot|thank you|yours sincerely|sincerely|regards|cheers|thanks|danke|best|lg|vg|mfg|bg)\b`

// ListIntros open a list of attendees on the lines that follow.
var ListIntros = `(?i)^(teilnehmende|teilnehmer\w*|attendees|participants|personen|namen|angemeldet\s+werden)\s*:`

// Cities are places that follow an organisation after a comma ("Schwarz
// IT-Service, Berlin-Weißensee") and are not part of it.
var Cities = []string{"Berlin", "Potsdam", "Hamburg", "München", "Köln", "Frankfurt", "Leipzig", "Dresden", "Brüssel", "Brussels", "Bonn", "Stuttgart", "Düsseldorf", "Wien", "Zürich", "London"}

// NameParticles may stand inside a surname ("von Alvensleben").
var NameParticles = []string{"von", "van", "de", "der", "zu", "di", "da", "del", "le", "la", "ten", "vom"}

// OrgSuffixes end words that name an institution ("Technologiestiftung",
// "Netzwerkdienste").
var OrgSuffixes = []string{"kreis", "kirche", "gemeinde", "betrieb", "stiftung", "verband", "verein", "kammer", "schule", "hochschule", "universität", "gesellschaft", "werk", "werke", "dienste", "dienst", "technik", "beratung", "systeme", "lösungen", "zentrum", "institut", "agentur", "verlag", "medien", "amt", "ämter", "betriebe", "gruppe"}

// NotOrganisations are words of the events and their hosts: "am Runden
// Tisch der IHK" names no employer.
var NotOrganisations = []string{"runde", "tisch", "netzwerktag", "veranstaltung", "ihk", "heinlein", "open source", "round table", "network day", "einladung"}

// SignatureLineCues mark a signature line as contact data, not a name or
// an organisation: phone, fax, web, mail.
var SignatureLineCues = `(?i)^(tel|telefon|fon|fax|mobil|mobile|handy|phone|e-?mail|mail|web|www|internet|t|m|f)\b[.:]?\s|^\+?\d[\d\s/()-]{5,}|https?://|www\.|@`

// AddressLine matches a postal address line (street and number, postcode
// and town).
var AddressLine = `(?i)\b\d{4,5}\s+\p{L}|\b(straße|strasse|str\.|platz|allee|damm|weg|ufer|chaussee|ring|gasse|markt|promenade)\s*\d|\b\w+(straße|strasse|str\.|platz|allee|damm|weg|ufer)\b\s+\d`

// MobileFooters are what phones append ("Von meinem iPhone gesendet").
var MobileFooters = `(?i)(gesendet|sent|von meinem|from my)`

// StudyAt finds a student's university written in lower case ("studiere
// … an der bht").
var StudyAt = `(?i)\b(?:studiere|studentin|student|studierende|arbeite|bin)\b(?:[^.!?]|\d\.){0,80}?\b(?:an|bei)\s+der\s+([a-z]{2,5}(?:\s+[a-z]{3,12})?)(?:\s+(?:und|im|in|als|seit)\b|\s*[,.;)]|$)`

// FirstPerson marks a sentence in which writers speak of themselves.
var FirstPerson = `(?i)\b(ich|wir|i|we|i'm|mich|my|our|unser\w*|mein\w*|studiere|arbeite|forsche)\b`
