// Package lexicon owns the words regbot knows: every phrase the classifiers
// look for, in German and English, kept together as data so that a person
// can read, review and extend them without touching the logic.
//
// Phrases are written as people write them, umlauts included. The
// classifiers fold case and umlauts (ä→ae, ß→ss) before matching, so the
// patterns here match "für" and "fuer" alike. Patterns are RE2 regular
// expressions over that folded text.
package lexicon

// RegisterSelf are phrases with which the writer registers themselves or
// others: the strongest sign of a registration.
var RegisterSelf = []string{
	`\bmelde[nt]?\b[^.!?;]{0,140}?\ban\b`, // "melde mich … an", "melden Sie mich … an", "melden wir … an"
	`\banzumelden\b`,                      // "möchte mich gern anzumelden" (sic)
	`\b(moechte|moechten|wuerde|wuerden|will|wollen|mag)\b[^.!?;]{0,120}?\banmelden\b`,
	`\b(mich|uns|ihn|sie)\b[^.!?;]{0,60}?\banmelden\b`,
	`\b(bitte|gern|gerne|hiermit|direkt|verbindlich|noch|nun)\b[^.!?;]{0,40}?\banmelden\b`,
	`\b(meine|unsere|die|folgende)\s+anmeld(ung|ungen|ng)\b`, // "anbei meine Anmeldung", "hiermit meine anmeldng"
	`^anmeldung\s+(fuer|für|zum|zur)\b`,                      // "Anmeldung für den 19.6.: zwei Personen"
	`\banmeldung\s+(von|fuer)\s+(herrn?|frau)\b`,             // "die Anmeldung von Frau …"
	`\bkeine\s+anmeld\w*`, // refused, so that the event named with it is taken

	`\bteilnehmen\b`,
	`\bnimmt\b[^.!?;]{0,100}?\bteil\b`, // "Frau X nimmt … teil": the writer registers her
	`\bmit\s+von\s+der\s+partie\b`,
	`\bschicke[n]?\s+(ich|wir)\s+(meine[nr]?|unsere[nr]?)\s+(kolleg\w*|mitarbeiter\w*|vertret\w*)`,
	`\bbegleitet\s+werde[n]?\s+(ich|wir)\b`,
	`\bwould\s+(like|love)\s+to\s+(come|join|attend)\b`,
	`\bcome\s+along\b`,
	`\bput\s+(me|us)\s+down\b`,
	`\b(wuerde|würde|wuerden|würden|moechte|möchte|moechten|möchten|will|wollen)\s+(ich|wir)\b[^.!?;]{0,40}?\b(kommen|teilnehmen|dabei\s+sein|vorbeikommen|mitmachen)\b`,
	`\bnehme[n]?\b[^.!?;]{0,100}?\bteil\b`,
	`\bbin\b[^.!?;]{0,30}?\bdabei\b`,
	`\b(sind|ist)\s+(wir\s+|ich\s+)?(gern\s+|gerne\s+)?(auch\s+)?dabei\b`,
	`\bdabei\s+sein\b`,
	`\bebenfalls\s+dabei\b`,
	`\b(ich|wir)\s+komme[n]?\b`,
	`\bkomme[n]?\s+(ich|wir)\b`,
	`\bkomme[n]?\b[^.!?;]{0,40}?\b(vorbei|mit|zum|zur|gern|gerne)\b`,
	`\b(dazu|mit|vorbei)kommen\b`,
	`\bzu\s+(zweit|dritt|viert|fuenft|sechst)\b`,
	`\bregistrier\w*`,
	`\btrag(en|t|e)?\s+(sie\s+)?(mich|uns)\b[^.!?;]{0,80}?\bein\b`,
	`\b(mich|uns)\b[^.!?;]{0,60}?\beintragen\b`,
	`\b(ich|wir)\s+komm\b`,
	`\bkomm\s+(gern|gerne|vorbei)\b`,
	`\b(waere|wäre|waeren|wären|bin|sind)\s+(ich|wir)\b[^.!?;]{0,80}?\bdabei\b`,
	`\b(ich|wir)\s+(waere|wäre|waeren|wären)\b[^.!?;]{0,80}?\bdabei\b`,
	`\bnotieren\s+sie\s+(mich|uns)\b`,
	`\bteilnehmerliste\s+auf\b`,
	`\b(einen|ein|zwei|drei|vier|fuenf|\d)\s+(freien\s+)?(platz|plaetze)\b`,
	`\bplatz\s+frei\b`,
	`\bplaetze\s+frei\b`,
	`\bmitbringen\b`,
	`\b(ich|wir)\s+(kann|koennen)\b[^.!?;]{0,60}?\b(kommen|teilnehmen|dabei\s+sein)\b`,
	`\b(kann|koennen)\s+(ich|wir)\b[^.!?;]{0,60}?\b(kommen|teilnehmen|dabei\s+sein)\b`,
	`\b(mich|uns)\s+(\w+\s+){0,3}begleiten\b`,
	`\bbegleitet\s+(mich|uns)\b`,
	`\bzusagen\b`,
	`\banmeldng\b`,
	// English
	`\bregister\b`,
	`\bregistration\b`,
	`\bsign\s+(me|us)\s+up\b`,
	`\bsign\s+up\b`,
	`\bcount\s+(me|us)\s+in\b`,
	`\battend\b`,
	`\battending\b`,
	`\bjoin\b`,
	`\bparticipate\b`,
	`\btake\s+part\b`,
	`\bi'?ll\s+be\s+there\b`,
}

// RegisterAnchors are the registration words that mean this mailbox's
// business even when the mail names no event ("ich bin dabei" to an
// invitation). Generic English verbs ("join", "participate") are not among
// them: without an event they are more often a newsletter's.
var RegisterAnchors = []string{`anmeld`, `\bmelde`, `registrier`, `register`, `registration`, `teilnehm`, `\bteil\b`, `\bdabei\b`, `platz`, `plätze`, `komme`, `sign\s+me\s+up`, `count\s+me\s+in`, `zu\s+(zweit|dritt|viert)`}

// RegisterThemselves are phrases in which somebody else will register on
// their own ("sie meldet sich selbst an"): nobody is registered by them.
var RegisterThemselves = []string{`\bmeldet\s+sich\b`, `\bmelden\s+sich\b[^.!?;]{0,40}?\bselbst\b`, `\bwill\s+register\s+(himself|herself|themselves)\b`}

// RegistrationReferences refer to an existing registration without
// stating it ("meine Anmeldung stornieren"): a later "kann nicht" is then a
// cancellation.
var RegistrationReferences = []string{`\bmeine[rn]?\s+anmeldung\b`, `\bunsere[rn]?\s+anmeldung\b`, `\b(ihre|deine)\s+bestätigung\b`, `\bmy\s+registration\b`}

// RegisterStatus are phrases that state an existing registration. They are
// no request, but they tell that a later "kann nicht" is a cancellation.
var RegisterStatus = []string{
	`\b(bin|sind|ist|bleibt|bleiben|war|waren)\b[^.!?;]{0,60}?\bangemeldet\b`,
	`\bmeine\s+anmeldung\b[^.!?;]{0,60}?\b(bleibt|besteht|bestehen)\b`,
	`\b(bleibt|besteht)\b[^.!?;]{0,40}?\bmeine\s+anmeldung\b`,
	`\bi\s+was\s+registered\b`,
	`\b(hatte|habe|hatten|haben)\b[^.!?;]{0,60}?\bvormerken\s+lassen\b`,
	`\b(bin|war|sind|waren)\b[^.!?;]{0,40}?\bvorgemerkt\b`,
	`\b(hatte|habe|hatten|haben)\b[^.!?;]{0,60}?\bangemeldet\b`,

	`\bvorgemerkt\b[^.!?;]{0,30}?\b(hatten|haben|hatte)\b`,
	`\bsie\s+hatten\s+mich\b`,

	`\bi\s+(am|was|have)\s+registered\b`,
	`\bregistered\s+(for|to)\b`,
}

// Info are phrases with which the writer asks to be kept informed or to be
// sent something once it exists.
var Info = []string{
	`\bvormerk\w*`,
	`\bvorgemerkt\s+(werden|bleiben)\b`,
	`\bmerken\s+sie\b[^.!?;]{0,80}?\bvor\b`,
	`\bauf\s+dem\s+laufenden\b`,
	`\binformieren\s+sie\b`,
	`\binformiert\s+(werden|bleiben|halten)\b`,
	`\b(bitte|gern|gerne|moechte|moechten|wuerde|wuerden|koennten|wuensche|wuenschen|hoffe|freuen)\b[^.!?;]{0,80}?\b(infos?|informationen|unterlagen|einladung|programm|ergebnisse|praesentationen|folien|protokoll)\b[^.!?;]{0,80}?\b(erhalten|bekommen|zusenden|senden|schicken|zukommen|weiterleiten|haben)\b`,
	`\b(senden|schicken|zusenden|mailen|leiten)\s+sie\s+(es\s+|das\s+|diese\s+|die\s+|ihn\s+)?(mir|uns)\b`,
	`\b(mir|uns)\b[^.!?;]{0,80}?\b(zusenden|zukommen\s+(zu\s+)?(lassen|ließen|lässt)|zuschicken|schicken|senden)\b`,
	`\bbescheid\s+(geben|sagen)\b`,
	`\b(geben|sagen)\s+sie\s+(mir|uns)\b[^.!?;]{0,30}?\bbescheid\b`,
	`\binteressent\w*liste\b`,
	`\b(auf|in)\s+(die|eure|ihre|den|euren|ihren)\s+(\w+\s+)?(liste|verteiler)\b[^.!?;]{0,60}?\b(setzen|aufnehmen|nehmen|eintragen)\b`,
	`\bhaette\s+(ich\s+)?gern\w*\s+(weitere\s+)?infos?\b`,
	`\b(bitte|gern|gerne)\s+(weitere\s+)?(infos?|informationen)\b`,
	`\binfos\s+zu[mr]?\b`,
	`verteiler\b`,
	`\bliste\s+fuer\s+informationen\b`,
	`\binteressiert\s+(an|am)\b`,
	`\binteresse\s+an\b`,
	// English
	`\bkeep\s+(me|us)\s+(posted|informed|updated|in\s+the\s+loop)\b`,
	`\b(more|further)\s+(info|information|details)\b`,
	`\bhear\s+more\b`,
	`\bsend\s+(me|us)\b[^.!?;]{0,60}?\b(info|information|details|programme|program|agenda|invitation|slides|summary|minutes|results|presentations?|materials|recording)\b`,
	`\b(put|add)\s+(me|us)\s+(on|to)\s+(the|your)\s+(\w+\s+)?(list|mailing)`,
	`\b(get|receive)\s+(the\s+)?(details|information|info|programme|program|agenda|slides|invitation)\b`,
	`\b(let\s+me\s+know|notify\s+me|inform\s+me)\s+(when|once|as\s+soon)\b`,
	`\bmailing\s+list\b`,
}

// InfoNegation marks an info phrase as refused ("brauche keine Infos").
var InfoNegation = []string{
	`\b(infos?|informationen)\b[^.!?;]{0,60}?\b(benötige|brauche|möchte|will|wünsche)\s+ich\s+nicht\b`,
	`\bkeine\s+(weiteren\s+)?(infos?|informationen)\b`,
	`\b(no|don'?t\s+need)\s+(further\s+|more\s+)?(info|information)\b`,
}

// Cancel are phrases that withdraw a registration on their own.
var Cancel = []string{
	`\babsag\w*`,
	`\babzusagen\b`,
	`\bstornier\w*`,
	`\bzurueck(zu)?zieh\w*`,
	`\bziehe[n]?\b[^.!?;]{0,80}?\bzurueck\b`,
	`\bstreichen\s+sie\b`,
	`\bvon\s+der\s+(teilnehmer)?liste\s+(streichen|nehmen)\b`,
	`\b(mich|uns)\b[^.!?;]{0,60}?\babmelden\b`,
	`\babmeldung\b`,
	`\bruecktritt\b`,
	`\bstatt\s+mir\b`,
	`\bübernimmt\s+(meinen|unseren|ihren|seinen)\s+platz\b`,
	`\bvertritt\s+mich\b`,
	`\btakes?\s+(over\s+)?my\s+(place|seat|spot)\b`,
	`\b(remove|take)\s+(me|us)\s+(from|off)\s+(the|your)\s+(attendee|participant|guest|registration)\w*\s+list\b`,
	`\bvon\s+der\s+teilnehmer\w*\s+(streichen|nehmen)\b`,
	`\ban\s+meiner\s+stelle\b`,
	`\bin\s+vertretung\s+(fuer\s+)?mich\b`,
	`\bplatz\b[^.!?;]{0,40}?\bweiter(geben|gegeben|vergeben)?\b`,
	`\bmein\s+platz\b[^.!?;]{0,40}?\bfrei\b`,
	`\bfür\s+mich\s+kommt\b`,
	`\bkommt\b[^.!?;]{0,30}?\b(für|statt)\s+mich\b`,
	`\bstatt\s+meiner\b`,
	`\banstelle\s+(von\s+)?mir\b`,
	`\bcancel\w*`,
	`\bwithdraw\w*`,
	`\bcan(not|'t)\s+make\s+it\b`,
	`\binstead\s+of\s+me\b`,
}

// CancelSoft are phrases that say the writer will not come. They cancel
// only where the mail refers to a registration (RegisterStatus, a reply
// to a confirmation) or names the day of the event as today or tomorrow;
// in answer to an invitation they merely decline it.
var CancelSoft = []string{
	`\bnicht\b[^.!?;]{0,40}?\b(teilnehmen|kommen|dabei\s+sein|erscheinen|wahrnehmen)\b`,
	`\b(teilnehmen|kommen|dabei\s+sein)\b[^.!?;]{0,10}?\bnicht\b`,
	`\bkann\b[^.!?;]{0,40}?\b(leider|doch)\s+nicht\b`,
	`\bverhindert\b`,
	`\bschaff\w*\b[^.!?;]{0,30}?\bnicht\b`,
	`\b(klappt|geht)\b[^.!?;]{0,30}?\b(doch\s+)?nicht\b`,
	`\bmuss\b[^.!?;]{0,30}?\bpassen\b`,
	`\banderweitig\s+(gebunden|verplant|verpflichtet)\b`,
	`\bdazwischen(ge)?komm\w*`,
	`\bnicht\s+dabei\b`,
	`\bwon'?t\s+be\s+able\b`,
	`\bunable\s+to\s+(attend|come|make)\b`,
	`\bnot\s+be\s+able\s+to\b`,
}

// CancelVoid are contexts in which a cancel phrase is about something else:
// another event called off, a cancellation withdrawn.
var CancelVoid = []string{
	`\b(andere[nrs]?|weitere[nrs]?)\s+(veranstaltung|termin|meeting|sitzung)\w*`,
	`\b(abgesagt|storniert)\s+(worden|wurde|ist)\b`,
	`\b(ist|wurde|wird)\s+(kurzfristig\s+)?(abgesagt|storniert)\b`,
	`\bignorieren\s+sie\b[^.!?;]{0,40}?\babsage\b`,
	`\babsage\b[^.!?;]{0,40}?\b(hinfaellig|zurueck|gegenstandslos)\b`,
	`\bwar\s+gestern\b`,
	`\bwithdraw\w*\b[^.!?;]{0,30}?\bconsent\b`,
	`\bwiderruf\w*\b[^.!?;]{0,40}?\beinwilligung\b`,
}

// CancelRevoked marks a mail that takes back an earlier cancellation: it
// asks to be registered again.
var CancelRevoked = []string{
	`\bignorieren\s+sie\b[^.!?;]{0,40}?\babsage\b`,
	`\babsage\b[^.!?;]{0,40}?\b(hinfaellig|zurueck\w*|gegenstandslos)\b`,
	`\bdoch\b[^.!?;]{0,60}?\b(kommen|teilnehmen|dabei)\b`,
}

// Delete are phrases that ask for personal data to be erased or consent to
// be withdrawn (DSGVO Art. 17, GDPR).
var Delete = []string{
	`\bloesch\w*\b[^.!?;]{0,80}?(daten|eintrag|eintraege|angaben|adresse)\b`,
	`(daten|eintrag|angaben|adresse)\b[^.!?;]{0,80}?\bloesch\w*`,
	`\btragen\s+sie\s+(mich|uns)\b[^.!?;]{0,80}?\baus\b`,
	`\b(mich|uns)\b[^.!?;]{0,60}?\baustragen\b`,
	`\bwithdraw\w*\b[^.!?;]{0,30}?\bconsent\b`,
	`\bloeschung\b`,
	`\bloeschersuchen\b`,
	`\bart\.?\s*17\b`,
	`\bdsgvo\b`,
	`\bwiderrufe\b[^.!?;]{0,40}?\beinwilligung\b`,
	`\bwiderruf\b[^.!?;]{0,40}?\beinwilligung\b`,
	`\beinwilligung\b[^.!?;]{0,40}?\bwiderruf\w*`,
	`\bdelete\b[^.!?;]{0,60}?\b(data|details|information|me)\b`,
	`\berase\b[^.!?;]{0,60}?\b(data|details)\b`,
	`\bgdpr\b`,
	`\bremove\s+(me|my\s+(data|details|address))\s+from\s+(your|all|any)\b`,
	`\b(remove|delete)\s+my\s+(data|details|address)\b`,
}

// DeleteVoid are contexts where "löschen" is about the mail itself, as in
// confidentiality footers.
var DeleteVoid = []string{
	`\bloesch\w*\s+sie\s+(diese|die)\s+(e-?mail|nachricht|mail)\b`,
	`\b(diese|die)\s+(e-?mail|nachricht|mail)\b[^.!?;]{0,40}?\bloesch\w*`,
	`\bdelete\s+(this|the)\s+(e-?mail|message)\b`,
}

// Question are phrases that ask something a person has to answer, besides
// a plain question mark.
var Question = []string{
	`\b(eine|meine|kurze|noch\s+eine)\s+frage\b`,
	`\bfrage\s+(vorab|zu[mr]?)\b`,
	`\bwuerde\s+(ich\s+)?gerne?\s+wissen\b`,
	`\bmoechte\s+(ich\s+)?gerne?\s+wissen\b`,
	`\bi'?d\s+(also\s+)?like\s+to\s+know\b`,
	`\b(moechte|möchte|wollte|wuerde|würde)\s+(ich\s+)?(gern\s+|gerne\s+)?(nach)?fragen\b`,
	`\b(fragen|wissen),?\s+ob\b`,
	`\bich\s+frage\s+mich\b`,
	`\bi\s+was\s+wondering\b`,
	`\bcould\s+you\s+tell\b`,
	`\bkoennen\s+sie\s+mir\s+sagen\b`,
}

// QuestionVoid are questions the writer answers or withdraws themselves
// ("eigentlich wollte ich fragen …, das hat sich erledigt").
var QuestionVoid = []string{
	`\beigentlich\s+wollte\s+ich\s+(fragen|wissen)\b`,
	`\bhat\s+sich\s+(erledigt|geklärt)\b`,
	`\bbeantwortet\s+(das|die\s+frage|sich)\b`,
}

// QuestionSelfRegister are question forms that ask to take part: they are
// answered by a confirmation, so they count as a registration.
var QuestionSelfRegister = []string{
	`\b(kann|koennte|darf|duerfte)\s+ich\b[^?]{0,80}?\b(dazukommen|kommen|teilnehmen|mitbringen|dabei\s+sein|anmelden|vorbeikommen|mitnehmen)\b`,
	`\b(koennen|koennten|duerfen)\s+wir\b[^?]{0,80}?\b(dazukommen|kommen|teilnehmen|dabei\s+sein|anmelden)\b`,
	`\b(noch|trotzdem|dennoch|vielleicht)\b[^?]{0,30}?\b(ein|einen)\s+(freien\s+)?platz\b`,
	`\b(ein|einen)\s+freien\s+platz\b`,
	`\b(möglich|moeglich)\b[^?]{0,60}?\b(ich|wir)\b[^?]{0,60}?\b(dabei|teilnehmen|teilnehme|kommen|komme|mitmachen)\b`,
	`\b(könnten|koennten|können|koennen|würden|wuerden)\s+sie\b[^?]{0,80}?\banmelden\b`,
	`\b(could|can|would)\s+you\s+(please\s+)?(register|sign\s+up)\b`,
	`\bnoch\s+(ein\s+|einen\s+)?(freier\s+|freien\s+)?platz\b`,
	`\bplatz\s+für\s+(mich|uns)\b`,
	`\b(moeglich|möglich|kann|koennte|könnte|darf)\b[^?]{0,60}?\b(mein|meine|meinen|unser|unsere|unseren)\s+(kolleg\w*|mitarbeiter\w*|chef\w*|vorgesetzte\w*)\b[^?]{0,100}?\b(teilnimmt|teilnehmen|mitkommt|mitkommen|dabei|mitbringen|anmelden)\b`,
	`\bplatz\s+frei\b`,
	`\bplaetze\s+frei\b`,
	`\b(still|possible)\b[^?]{0,40}?\b(join|attend|register)\b`,
	`\bcan\s+i\b[^?]{0,40}?\b(join|attend|register|come)\b`,
}

// ThirdPartyQuestion marks a question about other people's attendance
// ("ob jemand vom ITDZ teilnimmt", "who else is attending").
var ThirdPartyQuestion = []string{
	`\bob\s+(jemand|auch|noch\s+jemand|kolleg\w*|vertreter\w*)\b`,
	`\bwer\s+(noch|sonst|alles|teilnimmt|kommt)\b`,
	`\bwho\s+(else|is\s+attending|will\s+attend)\b`,
	`\bteilnimmt\b`,
}

// Deferred marks a registration phrase that is not yet one: a plan, a
// condition that comes first ("bevor ich mich anmelde", "anmelden werden
// wir uns, sobald …").
var Deferred = []string{
	`\bbevor\s+(ich|wir)\b`,
	`\bsobald\b`,
	`\bwerden\s+wir\s+uns\b`,
	`\bwerde\s+ich\s+mich\b`,
	`\bnoch\s+nicht\s+zusagen\b`,
	`\bspaeter\s+anmelden\b`,
	`\bbefore\s+i\s+register\b`,
	`\bmelde\s+ich\s+mich\s+(aber\s+)?gesondert\b`,
	`\b(might|maybe|perhaps|möglicherweise|eventuell|vielleicht)\b`,
	`\bbefore\s+deciding\b`,
}

// OtherEvents name events that are not ours: a registration for a
// training course is a question for a person when no configured event is
// named.
var OtherEvents = []string{
	`\b(schulung|schulungen|seminar|seminare|seminaren|workshop|workshops|kurs|kurse|webinar|webinare|training|konferenz|messe|tagung)\b`,
}

// Negation words that turn a phrase into its opposite when they stand
// shortly before it in the same clause.
var Negation = []string{
	`\bnicht\b`, `\bkeine?[nmrs]?\b`, `\bnie\b`, `\bnot\b`, `\bno\b`, `\bdon'?t\b`, `\bwon'?t\b`, `\bcan'?t\b`, `\bcannot\b`,
}

// AllEvents are phrases that mean every configured event.
var AllEvents = []string{
	`\bbeide[nr]?\s+(veranstaltungen|termine[n]?|events?)\b`,
	`\b(an|fuer|zu)\s+beiden\b`,
	`\bboth\s+(events|dates)\b`,
}

// PastReference marks a mention of an event as thanks or a look back, not
// as the object of a request ("Danke für gestern").
var PastReference = []string{
	`\b(danke|dank)\b[^.!?;]{0,40}?\b(gestern|gestrigen)\b`,
	`\bgestrigen\b`,
	`\bverpasst\b`,
	`\bmissed\b`,
}

// Spam are signs of advertising, phishing and newsletters. Each match adds
// its weight; see intent for the threshold.
var Spam = []Weighted{
	{`\babmelden\s*:`, 2},
	{`\bkeine\s+weiteren\s+informationen\s+von\s+uns\b`, 2},
	{`\b(abbestellen|unsubscribe|opt-?out)\b`, 2},
	{`\bdon'?t\s+want\s+to\s+hear\s+from\b`, 2},
	{`\breply\s+"?no\s+thanks"?\b`, 2},
	{`\bnewsletter\s+(erhalten|abonniert)\b`, 2},
	{`\bzugangsdaten\b`, 3},
	{`\b(passwort|kennwort|password)\b`, 2},
	{`\binnerhalb\s+von\s+\d+\s+(stunden|tagen|werktagen)\b`, 1},
	{`\bspeicher\b[^.!?]{0,40}?\b(erweitern|freischalten)\b`, 3},
	{`\bpostfach\b[^.!?]{0,40}?\b(voll|belegt)\b`, 2},
	{`\boeffnen\s+sie\s+(den|die)\s+anhang\b`, 3},
	{`\bmahngebuehr\w*`, 3},
	{`\bzahlungserinnerung\b`, 2},
	{`\boffene\s+rechnung\b`, 2},
	{`\brechnung\s+nr\b`, 1},
	{`\bin\s+rechnung\b`, 2},
	{`\bunverbindliche[sn]?\s+angebot\b`, 2},
	{`\d+[,.]\d{2}\s*(€|eur)\b`, 1},
	{`(€|eur)\s+pro\s+(person|gast|teilnehmer)`, 1},
	{`\bich\s+habe\s+gesehen,?\s+dass\b[^.!?]{0,80}?\b(ihr|ihre)\s+(veranstaltung|runde[rn]?\s+tisch|event)`, 2},
	{`\bfür\s+genau\s+solche\b`, 1},
	{`\bliefern\s+wir\b`, 1},
	{`\b(bitcoin|ethereum|krypto\w*|crypto\w*|usdt|trading\s+platform|daily\s+returns|welcome\s+bonus|financial\s+freedom|investor\s+webinar)\b`, 3},
	{`\bdear\s+(partner|friend|customer|sir/madam)\b`, 1},
	{`\b(register\s+now|secure\s+your\s+seat|limited\s+places|act\s+now)\b`, 1},
	{`\b(zustellgebühr|zollgebühr|versandgebühr|nachgebühr)\w*`, 3},
	{`\böffnen\s+sie\s+(das|die)\s+(beigefügte|angehängte)\w*`, 3},
	{`\bbestätigen\s+sie\s+ihre\s+(adresse|daten|identität|zahlungsdaten)\b`, 2},
	{`\b(gewinnspiel|gewonnen|gewinner|glückwunsch)\w*`, 2},
	{`\büberweisen\s+sie\b`, 2},
	{`\brechnung\s+(finden|erhalten)\s+sie\s+im\s+anhang\b`, 2},
	{`\b(release|verify|confirm)\s+(pending|your|account)\b`, 3},
	{`\baction\s+required\b`, 1},
	{`\b(rabatt|fruehbucher\w*|sonderangebot|gutschein)\b`, 2},
	{`\b\d+\s*%\s*(rabatt|discount)\b`, 2},
	{`(€|\beur\b)\s*netto\b|\bnetto\b`, 1},
	{`\bpremium\b`, 1},
	{`\bkostenlos\w*\b`, 1},
	{`\bfree\s+(audit|trial|quote)\b`, 2},
	{`\bguaranteed\b`, 2},
	{`\b(ranking|keywords|seo|backlinks?)\b`, 2},
	{`\bjetzt\s+(eintrag|buchen|bestellen|kaufen)\b`, 2},
	{`\btelefonat\b[^.!?]{0,40}?\bvorstellen\b`, 1},
	{`\breferenzen\b`, 1},
	{`\bwir\s+haben\s+ihre\s+veranstaltung\b`, 2},
	{`\beventkalender\b`, 1},
	{`\bsehr\s+geehrtes?\s+team\s+der\b`, 1},
	{`\bnutzer/?in(nen)?\s+von\b`, 2},
}

// DangerousAttachments are file endings that mark invoice and parcel
// phishing; each adds 3 to the spam score.
var DangerousAttachments = []string{".zip", ".rar", ".7z", ".exe", ".scr", ".js", ".vbs", ".jar", ".bat", ".cmd", ".iso", ".img", ".htm", ".html", ".hta", ".lnk", ".docm", ".xlsm"}

// Weighted is a pattern with a weight.
type Weighted struct {
	Pattern string
	Weight  int
}

// SubjectCues make a subject line a request on its own when the body says
// nothing ("Anmeldung Runder Tisch" with an empty body). Subjects of replies
// are ours and are not read this way.
var SubjectCues = []struct {
	Intent  string
	Pattern string
}{
	{"register", `\b(anmeld\w*|teilnahme|registrierung|registration|zusage)\b`},
	{"cancel", `\b(absage|stornierung|abmeldung|cancellation|cancel)\b`},
	{"info_request", `\b(vormerk\w*|infos?|informationen|verteiler)\b`},
	{"delete_request", `\b(löschung|löschersuchen|datenlöschung|dsgvo|gdpr|data\s+deletion)\b`},
	{"question", `\b(frage|fragen|question)\b|\?`},
}

// SubjectNegations cancel a subject cue ("Keine Anmeldung – nur Infos").
var SubjectNegations = []string{`\bkeine\s+anmeldung\b`, `\bno\s+registration\b`}

// ConfirmationSubjects are the subjects of our confirmations: a reply to
// one comes from somebody who is registered.
var ConfirmationSubjects = []string{`\berinnerung\b`, `\breminder\b`, `\bbestätigung\s+ihrer\s+anmeldung\b`, `\bconfirmation\s+of\s+your\s+registration\b`, `\banmeldebestätigung\b`}

// Substitute are the cancel phrases that name somebody coming instead.
var Substitute = []string{`\bfür\s+mich\s+kommt\b`, `\bkommt\b[^.!?;]{0,30}?\b(für|statt)\s+mich\b`, `\bstatt\s+meiner\b`, `\banstelle\s+(von\s+)?mir\b`, `\bübernimmt\s+(meinen|unseren)\s+platz\b`, `\bvertritt\s+mich\b`, `\btakes?\s+(over\s+)?my\s+(place|seat|spot)\b`, `\bstatt\s+mir\b`, `\ban\s+meiner\s+stelle\b`, `\binstead\s+of\s+me\b`, `\bin\s+vertretung\s+(für\s+)?mich\b`}

// RelativeDays name a day relative to the mail's date.
var RelativeDays = map[string]int{"heute": 0, "heutigen": 0, "today": 0, "tonight": 0, "morgen": 1, "morgigen": 1, "tomorrow": 1, "übermorgen": 2, "gestern": -1, "gestrigen": -1, "yesterday": -1}

// Greetings that contain a relative day but name none ("Guten Morgen").
var NotRelativeDays = []string{"guten morgen", "good morning"}

// Months and weekdays, for dates derived from an event's start.
var (
	MonthsGerman      = []string{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"}
	MonthsGermanShort = []string{"jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"}
	MonthsEnglish     = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	WeekdaysGerman    = []string{"sonntag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag"}
	WeekdaysEnglish   = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
)

// FreemailDomains are mailbox providers anyone can sign up with; a
// Reply-To there on a company mail is a phishing sign.
var FreemailDomains = []string{
	"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "yahoo.de", "gmx.de",
	"gmx.net", "web.de", "t-online.de", "icloud.com", "me.com", "aol.com", "mail.ru", "yandex.ru", "proton.me",
	"protonmail.com", "posteo.de", "mailbox.org",
}
