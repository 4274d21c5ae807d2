package automail_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/heinlein/regbot/internal/automail"
	"github.com/heinlein/regbot/internal/mailparse"
)

// person is the header of an ordinary mail from a person; tests add or
// replace fields.
const person = `From: Anna Schmidt <anna.schmidt@finanzen.berlin.de>
To: mail@heinlein-support.de
Subject: Anmeldung Runder Tisch
Date: Mon, 25 Mar 2024 10:00:00 +0100
Message-ID: <abc123@finanzen.berlin.de>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
`

const personBody = "Guten Tag,\n\nhiermit melde ich mich für den Runden Tisch am 18.04. an.\n\nViele Grüße\nAnna Schmidt\n"

// mail builds a raw message from header lines (one per line, replacing
// the same fields of person) and a body.
func mail(extra, body string) string {
	h := person
	for _, line := range strings.Split(strings.TrimSpace(extra), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			h += line + "\n"
			continue
		}
		name := strings.ToLower(strings.SplitN(line, ":", 2)[0])
		var kept []string
		for _, l := range strings.Split(strings.TrimRight(h, "\n"), "\n") {
			if strings.ToLower(strings.SplitN(l, ":", 2)[0]) != name {
				kept = append(kept, l)
			}
		}
		h = strings.Join(kept, "\n") + "\n" + line + "\n"
	}
	return h + "\n" + body
}

func classify(t *testing.T, raw string, opts ...automail.Options) automail.Verdict {
	t.Helper()
	m, err := mailparse.Parse(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	o := ourOpts
	if len(opts) > 0 {
		o = opts[0]
	}
	return automail.Classify(m, o)
}

type kindCase struct {
	name string
	raw  string
	want automail.Kind
}

func runKinds(t *testing.T, cases []kindCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := classify(t, tc.raw)
			if v.Kind != tc.want {
				t.Errorf("kind %q, want %q; cues %q", v.Kind, tc.want, v.Cues)
			}
			if v.Machine() != (tc.want != automail.Human) {
				t.Errorf("Machine() = %v", v.Machine())
			}
			if v.Machine() && len(v.Cues) == 0 {
				t.Errorf("machine verdict without cues")
			}
		})
	}
}

func TestHeaderRules(t *testing.T) {
	runKinds(t, []kindCase{
		{"plain person", mail("", personBody), automail.Human},
		{"Auto-Submitted: no", mail("Auto-Submitted: no", personBody), automail.Human},
		{"Auto-Submitted: No (case)", mail("Auto-Submitted: No", personBody), automail.Human},
		{"Auto-Submitted auto-replied with owner-email", mail(`Auto-Submitted: auto-replied; owner-email="anna@example.org"`, personBody), automail.AutoReply},
		{"Auto-Submitted auto-replied (vacation)", mail("Auto-Submitted: auto-replied (vacation)", personBody), automail.AutoReply},
		{"Auto-Submitted auto-generated", mail("Auto-Submitted: auto-generated", personBody), automail.AutoReply},
		{"Auto-Submitted auto-notified", mail("Auto-Submitted: auto-notified", personBody), automail.AutoReply},
		{"Precedence bulk", mail("Precedence: bulk", personBody), automail.Bulk},
		{"Precedence list", mail("Precedence: list", personBody), automail.Bulk},
		{"Precedence junk", mail("Precedence: junk", personBody), automail.Bulk},
		{"X-Precedence bulk", mail("X-Precedence: bulk", personBody), automail.Bulk},
		{"Precedence auto_reply", mail("Precedence: auto_reply", personBody), automail.AutoReply},
		{"Precedence bulk on a notice", mail("Precedence: bulk\nAuto-Submitted: auto-generated", personBody), automail.AutoReply},
		{"Precedence bulk with null sender", mail("Precedence: bulk\nReturn-Path: <>", personBody), automail.AutoReply},
		{"Precedence first-class", mail("Precedence: first-class", personBody), automail.Human},
		{"List-Id", mail("List-Id: Events <events.lists.example.org>", personBody), automail.Bulk},
		{"List-Unsubscribe", mail("List-Unsubscribe: <mailto:leave@example.org>", personBody), automail.Bulk},
		{"List-Help", mail("List-Help: <mailto:help@example.org>", personBody), automail.Bulk},
		{"List-Subscribe", mail("List-Subscribe: <mailto:join@example.org>", personBody), automail.Bulk},
		{"List-Post", mail("List-Post: <mailto:list@example.org>", personBody), automail.Bulk},
		{"List-Owner", mail("List-Owner: <mailto:owner@example.org>", personBody), automail.Bulk},
		{"List-Archive", mail("List-Archive: <https://lists.example.org/>", personBody), automail.Bulk},
		{"Feedback-ID", mail("Feedback-ID: 123:campaign:esp", personBody), automail.Bulk},
		{"X-Mailing-List", mail("X-Mailing-List: events@example.org", personBody), automail.Bulk},
		{"X-Auto-Response-Suppress All", mail("X-Auto-Response-Suppress: All", personBody), automail.AutoReply},
		{"X-Auto-Response-Suppress OOF", mail("X-Auto-Response-Suppress: DR, OOF", personBody), automail.AutoReply},
		{"X-Auto-Response-Suppress AutoReply", mail("X-Auto-Response-Suppress: AutoReply", personBody), automail.AutoReply},
		{"X-Auto-Response-Suppress DR", mail("X-Auto-Response-Suppress: DR", personBody), automail.AutoReply},
		{"X-Auto-Response-Suppress RN only", mail("X-Auto-Response-Suppress: RN, NRN", personBody), automail.Human},
		{"X-Autoreply yes", mail("X-Autoreply: yes", personBody), automail.AutoReply},
		{"X-Autoreply no", mail("X-Autoreply: no", personBody), automail.Human},
		{"X-Autorespond", mail("X-Autorespond: Vacation", personBody), automail.AutoReply},
		{"X-Autogenerated", mail("X-Autogenerated: Reply", personBody), automail.AutoReply},
		{"X-FC-MachineGenerated", mail("X-FC-MachineGenerated: true", personBody), automail.AutoReply},
		{"X-POST-MessageClass", mail("X-POST-MessageClass: 9; Autoresponder", personBody), automail.AutoReply},
		{"X-MS-Exchange-Inbox-Rules-Loop", mail("X-MS-Exchange-Inbox-Rules-Loop: anna.schmidt@finanzen.berlin.de", personBody), automail.AutoReply},
		{"Return-Path empty", mail("Return-Path: <>", personBody), automail.AutoReply},
		{"Return-Path person", mail("Return-Path: <anna.schmidt@finanzen.berlin.de>", personBody), automail.Human},
		{"Zammad ack: Precedence and X-Loop", mail("Precedence: bulk\nX-Loop: yes", personBody), automail.AutoReply},
		{"X-Loop alone is no proof", mail("X-Loop: anna@procmail.example.org", personBody), automail.Human},
		{"read receipt", mdn, automail.AutoReply},
	})
}

const mdn = `From: Joe Recipient <joe@example.com>
To: mail@heinlein-support.de
Subject: Gelesen: Anmeldung
Message-ID: <mdn1@example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="b1"

--b1
Content-Type: text/plain

Your message was displayed.

--b1
Content-Type: message/disposition-notification

Reporting-UA: joes-pc.example.com; Foomail 97.1
Original-Recipient: rfc822;joe@example.com
Final-Recipient: rfc822;joe@example.com
Disposition: manual-action/MDN-sent-manually; displayed

--b1--
`

func TestSenderLocalParts(t *testing.T) {
	var cases []kindCase
	for _, tc := range []struct {
		from string
		want automail.Kind
	}{
		{"MAILER-DAEMON@mx.example.org", automail.Bulk}, // looks like a bounce, no report
		{"mailer-daemon@mx.example.org", automail.Bulk},
		{"noreply@example.org", automail.AutoReply},
		{"no-reply@example.org", automail.AutoReply},
		{"no-reply-events@example.org", automail.AutoReply},
		{"donotreply@example.org", automail.AutoReply},
		{"do-not-reply@example.org", automail.AutoReply},
		{"LISTSERV@lists.example.org", automail.Bulk},
		{"majordomo@example.org", automail.Bulk},
		{"events-request@lists.example.org", automail.Bulk},
		{"owner-events@lists.example.org", automail.Bulk},
		{"events-bounces@lists.example.org", automail.Bulk},
		{"root@server.example.org", automail.AutoReply},
		{"abuse@example.org", automail.AutoReply},
		{"bounce@example.org", automail.Bulk},
		{"bounces@example.org", automail.Bulk},
		{"anna.request@example.org", automail.Human},
		{"requester@example.org", automail.Human},
		{"rootkit.research@example.org", automail.Human},
	} {
		subject := "Subject: Anmeldung Runder Tisch"
		if strings.Contains(strings.ToLower(tc.from), "daemon") {
			subject = "Subject: Undelivered Mail Returned to Sender"
		}
		cases = append(cases, kindCase{"From " + tc.from, mail("From: <"+tc.from+">\n"+subject, personBody), tc.want})
	}
	// The envelope sender counts as well (RFC 5230 §4.6 checks it).
	cases = append(cases,
		kindCase{"Return-Path owner-", mail("Return-Path: <owner-events@lists.example.org>", personBody), automail.Bulk},
		kindCase{"Return-Path VERP bounce-", mail("Return-Path: <bounce-0424-b81c2f@mailer.example.org>", personBody), automail.Bulk},
		kindCase{"Return-Path MAILER-DAEMON", mail("Return-Path: <MAILER-DAEMON>", personBody), automail.AutoReply},
		kindCase{"Sender list-bounces", mail("Sender: events-bounces@lists.example.org", personBody), automail.Bulk},
	)
	// Postmaster is a person's role address too: machine unless plainly
	// human.
	cases = append(cases,
		kindCase{"postmaster notice", mail("From: Postmaster <postmaster@example.org>\nSubject: Hinweis", "Ihr Server ist falsch konfiguriert.\n"), automail.AutoReply},
		kindCase{"postmaster answering as a person", mail("From: Max Müller <postmaster@example.org>\nSubject: Re: Einladung Runder Tisch\nIn-Reply-To: <einladung-runder-tisch-20240320@heinlein-support.de>",
			"Hallo,\n\nich komme gerne zum Runden Tisch.\n\nMax Müller\n"), automail.Human},
		kindCase{"postmaster bounce", mail("From: Mail Delivery System <postmaster@example.org>\nSubject: Undeliverable: Einladung\nReturn-Path: <>",
			"Delivery has failed to these recipients or groups:\n\nanna@example.org\nThe email address couldn't be found.\n"), automail.Bounce},
	)
	runKinds(t, cases)
}

func TestLoop(t *testing.T) {
	runKinds(t, []kindCase{
		{"From our address", mail("From: Heinlein Support <mail@heinlein-support.de>", "Guten Tag,\n\nvielen Dank für Ihre Anmeldung.\n"), automail.Loop},
		{"From our address, upper case", mail("From: <MAIL@Heinlein-Support.DE>", "Test\n"), automail.Loop},
		{"our loop header", mail("X-Regbot-Loop: heinlein-support.de", personBody), automail.Loop},
		{"our loop header with address", mail("X-Regbot-Loop: mail@heinlein-support.de", personBody), automail.Loop},
		{"someone else's regbot", mail("X-Regbot-Loop: example.org", personBody), automail.AutoReply},
		{"X-Loop naming us", mail("X-Loop: mail@heinlein-support.de", personBody), automail.Loop},
		{"auto-submitted with our message-id", mail("Auto-Submitted: auto-replied\nMessage-ID: <confirm-20240325-0019@heinlein-support.de>", personBody), automail.Loop},
		{"colleague with our message-id domain", mail("From: Kollege <peter@heinlein-support.de>\nMessage-ID: <x1@heinlein-support.de>", personBody), automail.Human},
	})
	// A custom loop header.
	v := classify(t, mail("X-Bot: heinlein-support.de", personBody), automail.Options{
		OwnAddresses: []string{"mail@heinlein-support.de"}, OwnDomains: []string{"heinlein-support.de"}, LoopHeader: "X-Bot",
	})
	if v.Kind != automail.Loop {
		t.Errorf("custom loop header: kind %q", v.Kind)
	}
	// Our own MTA's bounce has our Message-ID domain and Auto-Submitted:
	// it is a bounce, not a loop.
	v = classify(t, dsnMail("Final-Recipient: rfc822; anna@example.org\nAction: failed\nStatus: 5.1.1\n"))
	if v.Kind != automail.Bounce {
		t.Errorf("own MTA's bounce: kind %q, cues %q", v.Kind, v.Cues)
	}
}

func TestTextOnly(t *testing.T) {
	runKinds(t, []kindCase{
		// People.
		{"Urlaub but registers", mail("Subject: Anmeldung", "Hallo,\n\nich bin im Urlaub, möchte mich aber für den Runden Tisch anmelden.\n\nGrüße\nAnna\n"), automail.Human},
		{"Urlaub subject, person", mail("Subject: Urlaub", "Hallo,\n\nich bin bis zum 10.4. im Urlaub und danach wieder im Büro. Können Sie mir die Unterlagen schicken?\n"), automail.Human},
		{"out of office sentence, person registers", mail("Subject: Round table", "Hi,\n\nI am out of the office until Monday, but I would like to register for the round table.\n\nBest, Anna\n"), automail.Human},
		{"asks for a receipt", mail("Subject: Keine Eingangsbestätigung erhalten", "Vielen Dank für Ihre Nachricht vom Montag. Ich habe noch keine Bestätigung meiner Anmeldung bekommen.\n"), automail.Human},
		{"quotes our automatic footer", mail("Subject: Re: Bestätigung Ihrer Anmeldung",
			"Danke, ich komme gern.\n\nAm 25.03.2024 um 10:24 schrieb Heinlein Support <mail@heinlein-support.de>:\n> Guten Tag,\n> vielen Dank für Ihre Anmeldung.\n> --\n> Diese Nachricht wurde automatisch erstellt. Bitte antworten Sie nicht auf diese E-Mail.\n"), automail.Human},
		{"quotes an Outlook header block", mail("Subject: AW: Einladung",
			"Ich bin dabei.\n\nVon: Heinlein Support <mail@heinlein-support.de>\nGesendet: Mittwoch, 20. März 2024 10:00\nAn: Anna\nBetreff: Einladung\n\nDies ist eine automatische Nachricht. Ihre Nachricht ist bei uns eingegangen.\n"), automail.Human},
		{"person reports a failed delivery", mail("Subject: Unzustellbar?", "Hallo, meine Mail an meinen Kollegen konnte nicht zugestellt werden. Ist die Adresse kollege@example.org richtig?\n"), automail.Human},
		{"away on the day, cancels", mail("Subject: Re: Bestätigung Ihrer Anmeldung",
			"Vielen Dank für Ihre Nachricht. Ich bin an dem Tag leider auf Dienstreise, daher muss ich absagen.\n"), automail.Human},
		{"away on the day, colleague comes", mail("Subject: Runder Tisch",
			"Zwei Kolleginnen nehmen teil: Marie Sander und Julia Roth. Ich selbst bin an dem Tag leider auf Dienstreise, meine Vertretung kommt mit.\n"), automail.Human},
		{"absence in the subject, person", mail("Subject: Urlaub bis 10.4.",
			"Hallo,\n\nich bin bis 10.4. im Urlaub. Bitte schicken Sie mir danach die Unterlagen.\n"), automail.Human},
		{"colleague away, person registers her", mail("Subject: Frau Weber ist abwesend",
			"Guten Tag,\n\nFrau Weber ist bis zum 20.4. im Urlaub. Ich melde sie hiermit für den Runden Tisch an.\n"), automail.Human},
		{"colleague left, person writes", mail("Subject: Einladung", "Guten Tag,\n\nHerr Weber ist nicht mehr bei uns tätig. Bitte schicken Sie die Einladung an mich.\n"), automail.Human},

		// German out of office without any header.
		{"German OOO", mail("Subject: Re: Einladung Runder Tisch",
			"Vielen Dank für Ihre Nachricht.\n\nIch bin bis einschließlich 17.04.2024 nicht im Büro. In dringenden Fällen wenden Sie sich bitte an Frau Maurer.\n"), automail.AutoReply},
		{"bare German OOO with courtesy phrase", mail("Subject: Re: Einladung",
			"Vielen Dank für Ihre Nachricht. Ich bin bis 17.4. nicht im Büro.\n"), automail.AutoReply},
		{"German OOO without umlauts", mail("Subject: Re: Einladung",
			"Ich bin bis zum 17.04. nicht im Buero. Ihre Nachricht wird nicht weitergeleitet.\n"), automail.AutoReply},
		{"German OOO upper case and line breaks", mail("Subject: Re: Einladung",
			"ICH BIN BIS ZUM 17.04. NICHT\nIM BÜRO.\nIHRE NACHRICHT WIRD NICHT\nWEITERGELEITET.\n"), automail.AutoReply},
		{"German OOO decomposed umlaut", mail("Subject: Re: Einladung",
			"Ich bin bis zum 17.04. au\u00dfer Haus und lese meine E-Mails nach meiner Ru\u0308ckkehr.\n"), automail.AutoReply},
		{"German OOO in future tense", mail("Subject: Re: Einladung",
			"Ich werde bis zum 30.04. nicht im Büro sein. In dringenden Fällen wenden Sie sich bitte an Herrn Kaiser.\n"), automail.AutoReply},
		{"Notes: the absence is the subject", mail("Subject: Ich bin vom 02.05. bis 10.05. nicht im Büro.",
			"Ihre Nachricht wird nach meiner Rückkehr bearbeitet.\n"), automail.AutoReply},
		{"ticket system with a cut line", mail("Subject: [Servicedesk] Re: Bestätigung Ihrer Anmeldung",
			"##- Bitte geben Sie Ihre Antwort über dieser Zeile ein -##\n\nIhre Anfrage (4711) wurde in unserem System erfasst.\n"), automail.AutoReply},
		{"English ticket receipt", mail("Subject: [Helpdesk] Re: Confirmation",
			"##- Please type your reply above this line -##\n\nYour ticket (#123) has been received and will be handled shortly.\n"), automail.AutoReply},
		{"German subject Abwesenheitsnotiz", mail("Subject: Abwesenheitsnotiz: Einladung", "Ich bin nicht da.\n"), automail.AutoReply},
		{"German subject Automatische Antwort", mail("Subject: Automatische Antwort: Einladung", "Danke.\n"), automail.AutoReply},
		{"receipt notice", mail("Subject: Eingangsbestätigung: Einladung",
			"Ihre E-Mail ist im Bezirksamt eingegangen und wird weitergeleitet.\n"), automail.AutoReply},
		{"ticket acknowledgement", mail("Subject: [Ticket#2024032810000131] Ihre Anfrage",
			"Ihre Anfrage ist bei uns eingegangen und wurde unter der Ticketnummer 2024032810000131 erfasst.\n"), automail.AutoReply},
		{"left the company", mail("Subject: Re: Programm",
			"Herr Reinhardt ist nicht mehr bei der Spreeware GmbH tätig. Ihre Nachricht wird nicht weitergeleitet.\n"), automail.AutoReply},

		// English.
		{"English OOO", mail("Subject: Re: Round table",
			"Thank you for your email. I'm out of the office until Monday, 29 April, with limited access to email.\n"), automail.AutoReply},
		{"English subject Out of Office", mail("Subject: Out of Office: Round table", "Back on Monday.\n"), automail.AutoReply},
		{"AOL suffix", mail("Subject: Re: Round table (Automatic Response)", "I am away.\n"), automail.AutoReply},
		{"Lotus AUTO:", mail("Subject: AUTO: Anna Schmidt is out of the office (returning 05/01/2024)", "I am out of the office until 05/01/2024.\n"), automail.AutoReply},
		{"mailbox no longer monitored", mail("Subject: Re: Round table",
			"This mailbox is no longer monitored. This is an automated response.\n"), automail.AutoReply},
		{"challenge-response", mail("Subject: Re: Anmeldung",
			"This account is protected by Bluebottle. Please click on the following link to have your address added to the recipient's allowed list.\n"), automail.AutoReply},
	})
}

// dsnMail is a report from our own outbound MTA with the given
// per-recipient blocks.
func dsnMail(blocks string) string {
	return `Return-Path: <>
From: MAILER-DAEMON@smtp-out.heinlein-support.de (Mail Delivery System)
To: mail@heinlein-support.de
Subject: Undelivered Mail Returned to Sender
Message-ID: <20240325092431.4V2jPq0Lx7z5wB@smtp-out.heinlein-support.de>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

This is the mail system at host smtp-out.heinlein-support.de.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; smtp-out.heinlein-support.de
X-Postfix-Sender: rfc822; mail@heinlein-support.de

` + blocks + `
--b1--
`
}

func TestDSN(t *testing.T) {
	cases := []struct {
		name      string
		blocks    string
		rcpt      string
		rcpts     []string
		action    string
		status    string
		permanent bool
		diag      string
	}{
		{
			name:   "failed, permanent",
			blocks: "Final-Recipient: rfc822; anna@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n",
			rcpt:   "anna@example.org", rcpts: []string{"anna@example.org"}, action: "failed", status: "5.1.1", permanent: true,
			diag: "550 5.1.1 user unknown",
		},
		{
			name: "continued diagnostic",
			blocks: "Final-Recipient: rfc822; jana@gmail.example\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp;\n" +
				" 550-5.1.1 The email account that you tried to reach does not exist. Please\n try 550-5.1.1 double-checking\n\tthe address\n",
			rcpt: "jana@gmail.example", rcpts: []string{"jana@gmail.example"}, action: "failed", status: "5.1.1", permanent: true,
			diag: "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the address",
		},
		{
			name: "multi-recipient, failed first",
			blocks: "Final-Recipient: rfc822; ok@example.org\nAction: delivered\nStatus: 2.0.0\n\n" +
				"Final-Recipient: rfc822;one@example.org\nAction: failed\nStatus: 5.2.2\n\n" +
				"Final-Recipient: RFC822; <Two@Example.org>\nAction: failed\nStatus: 5.1.1\n",
			rcpt: "one@example.org", rcpts: []string{"one@example.org", "two@example.org"}, action: "failed", status: "5.2.2", permanent: true,
		},
		{
			name:   "delayed",
			blocks: "Final-Recipient: rfc822; slow@example.org\nAction: delayed\nStatus: 4.4.7\nWill-Retry-Until: Tue, 26 Mar 2024 10:00:00 +0100\n",
			rcpt:   "slow@example.org", rcpts: []string{"slow@example.org"}, action: "delayed", status: "4.4.7", permanent: false,
		},
		{
			name:   "failed with 4.x.x is not permanent",
			blocks: "Final-Recipient: rfc822; full@example.org\nAction: failed\nStatus: 4.2.2\n",
			rcpt:   "full@example.org", rcpts: []string{"full@example.org"}, action: "failed", status: "4.2.2", permanent: false,
		},
		{
			name:   "original recipient wins over the alias",
			blocks: "Original-Recipient: rfc822;max.haas@example.ch\nFinal-Recipient: rfc822;HAASM@yogi.example.ch\nAction: failed\nStatus: 5.0.0\n",
			rcpt:   "max.haas@example.ch", rcpts: []string{"max.haas@example.ch", "haasm@yogi.example.ch"}, action: "failed", status: "5.0.0", permanent: true,
		},
		{
			name:   "our own address is never the failed recipient",
			blocks: "Final-Recipient: rfc822; mail@heinlein-support.de\nAction: failed\nStatus: 5.2.2\n",
			rcpt:   "", action: "failed", status: "", permanent: false,
		},
		{
			name:   "junk lines inside a block",
			blocks: "Final-Recipient: rfc822; anna@example.org\nthis line is no field\nAction: failed\nStatus: 5.1.1 (user unknown)\n",
			rcpt:   "anna@example.org", rcpts: []string{"anna@example.org"}, action: "failed", status: "5.1.1", permanent: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := classify(t, dsnMail(tc.blocks))
			if v.Kind != automail.Bounce || v.Bounce == nil {
				t.Fatalf("kind %q, cues %q", v.Kind, v.Cues)
			}
			b := v.Bounce
			if b.Recipient != tc.rcpt || b.Action != tc.action || b.Status != tc.status || b.Permanent != tc.permanent {
				t.Errorf("got %+v", *b)
			}
			if tc.rcpts != nil && strings.Join(b.Recipients, ",") != strings.Join(tc.rcpts, ",") {
				t.Errorf("recipients %q, want %q", b.Recipients, tc.rcpts)
			}
			if tc.diag != "" && b.Diagnostic != tc.diag {
				t.Errorf("diagnostic %q, want %q", b.Diagnostic, tc.diag)
			}
		})
	}
}

func TestTextBounces(t *testing.T) {
	cases := []struct {
		name, raw, rcpt string
		permanent       bool
	}{
		{"exim X-Failed-Recipients", `Return-Path: <>
From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: mail@heinlein-support.de
Subject: Mail delivery failed: returning message to sender
X-Failed-Recipients: anna@example.org
Auto-Submitted: auto-replied

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  anna@example.org
    SMTP error from remote mail server after RCPT TO:<anna@example.org>:
    550 5.1.1 User unknown
`, "anna@example.org", true},
		{"qmail", `Return-Path: <>
From: MAILER-DAEMON@mx.example.net
To: mail@heinlein-support.de
Subject: failure notice

Hi. This is the qmail-send program at mx.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<bob@example.com>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

Return-Path: <mail@heinlein-support.de>
From: Heinlein Support <mail@heinlein-support.de>
To: bob@example.com
`, "bob@example.com", true},
		{"sendmail dots", `From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>
To: mail@heinlein-support.de
Subject: Returned mail: User unknown

   ----- Transcript of session follows -----
... while talking to mx.example.org.:
>>> RCPT To:<carl@example.org>
<<< 550 5.1.1 <carl@example.org>... User unknown
550 5.1.1 carl@example.org... User unknown
`, "carl@example.org", true},
		{"Exchange German NDR text", `Return-Path: <>
From: Microsoft Outlook <postmaster@example.de>
To: mail@heinlein-support.de
Subject: Unzustellbar: Einladung

Ihre Nachricht hat folgende Empfänger nicht erreicht:

dora@example.de
Remoteserver hat '550 5.1.10 RESOLVER.ADR.RecipientNotFound' zurückgegeben.

Die folgende Organisation hat die Nachricht abgelehnt: mail@heinlein-support.de
`, "dora@example.de", true},
		{"GMX mailbox full, delayed wording absent", `Return-Path: <>
From: Mail Delivery System <mailer-daemon@gmx.net>
To: mail@heinlein-support.de
Subject: Unzustellbar: Bestätigung

Ihre Nachricht konnte an den folgenden Empfänger nicht zugestellt werden:

  erik@gmx.de
    Das Postfach des Empfängers ist voll.
    (552 5.2.2 Mailbox size limit exceeded)
`, "erik@gmx.de", true},
		{"delay warning", `Return-Path: <>
From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>
To: mail@heinlein-support.de
Subject: Warning: could not send message for past 4 hours

    **********************************************
    **      THIS IS A WARNING MESSAGE ONLY      **
    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **
    **********************************************

The original message was received at Mon, 25 Mar 2024 10:00:00 +0100

   ----- Transcript of session follows -----
<fred@example.org>... Deferred: Connection timed out
Warning: message still undelivered after 4 hours
Will keep trying until message is 5 days old
`, "fred@example.org", false},
		{"original's To as the last resort", `Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: mail@heinlein-support.de
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain

Your message could not be delivered.

--b1
Content-Type: message/rfc822

From: Heinlein Support <mail@heinlein-support.de>
To: gina@example.org
Subject: Einladung

Guten Tag
--b1--
`, "gina@example.org", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := classify(t, tc.raw)
			if v.Kind != automail.Bounce || v.Bounce == nil {
				t.Fatalf("kind %q, cues %q", v.Kind, v.Cues)
			}
			if v.Bounce.Recipient != tc.rcpt || v.Bounce.Permanent != tc.permanent {
				t.Errorf("got %+v; cues %q", *v.Bounce, v.Cues)
			}
		})
	}
}

func TestFakeAndForwardedBounces(t *testing.T) {
	runKinds(t, []kindCase{
		{"bounce look without report", mail("From: Mail Delivery System <postmaster@example.net>\nSubject: Undelivered Mail: 4 messages held for mail@heinlein-support.de",
			"Delivery to the following recipient has been delayed: mail@heinlein-support.de\nRelease them here: https://example.net/release\n"), automail.Bulk},
		{"person forwards a bounce", `From: Anna Schmidt <anna.schmidt@finanzen.berlin.de>
To: mail@heinlein-support.de
Subject: WG: Unzustellbar: Einladung
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="o1"

--o1
Content-Type: text/plain; charset=utf-8

Hallo, meine alte Adresse gibt es nicht mehr, bitte nehmen Sie diese.

--o1
Content-Type: message/rfc822

From: MAILER-DAEMON@mx.example.net
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="i1"

--i1
Content-Type: text/plain

could not be delivered

--i1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; old@example.org
Action: failed
Status: 5.1.1

--i1--

--o1--
`, automail.Human},
	})
}

// TestCorpusAutoRepliesWithoutHeaders strips every machine header from the
// corpus auto-replies: their subject and text alone must still give them
// away (MAIL-RULES item 9).
func TestCorpusAutoRepliesWithoutHeaders(t *testing.T) {
	labels := readJSONL[corpusLabel](t, filepath.Join(corpusDir, "labels.jsonl"))
	strip := regexp.MustCompile(`(?im)^(auto-submitted|precedence|x-loop|x-autoreply|x-auto-response-suppress|x-ms-exchange-inbox-rules-loop|x-zammad-ticket-id|x-mailer):.*\r?\n`)
	n := 0
	for _, l := range labels {
		if len(l.Requests) == 0 || l.Requests[0].Intent != "auto_reply" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(corpusDir, l.File))
		if err != nil {
			t.Fatal(err)
		}
		raw := strip.ReplaceAllString(string(b), "")
		raw = strings.Replace(raw, "Return-Path: <>", "Return-Path: <someone@example.org>", 1)
		v := classify(t, raw)
		n++
		if v.Kind != automail.AutoReply {
			t.Errorf("%s without headers: kind %q, cues %q", l.File, v.Kind, v.Cues)
		}
	}
	if n != 10 {
		t.Errorf("%d auto-replies in the corpus, want 10", n)
	}
}

func TestNilAndEmpty(t *testing.T) {
	if v := automail.Classify(nil, ourOpts); v.Machine() {
		t.Errorf("nil message: %+v", v)
	}
	if v := automail.Classify(&mailparse.Message{}, automail.Options{}); v.Machine() {
		t.Errorf("empty message: %+v", v)
	}
}

// TestCorpusBouncesWithoutReport takes the RFC 3464 part and
// X-Failed-Recipients away from the corpus bounces: the human text of each
// report must still name the labelled recipient.
func TestCorpusBouncesWithoutReport(t *testing.T) {
	labels := readJSONL[corpusLabel](t, filepath.Join(corpusDir, "labels.jsonl"))
	n := 0
	for _, l := range labels {
		if len(l.Requests) == 0 || l.Requests[0].Intent != "bounce" || l.Bounced == nil {
			continue
		}
		n++
		m := parseFile(t, filepath.Join(corpusDir, l.File))
		m.DeliveryStatus = ""
		m.Header.Del("X-Failed-Recipients")
		v := automail.Classify(m, ourOpts)
		if v.Kind != automail.Bounce || v.Bounce == nil || v.Bounce.Recipient != *l.Bounced {
			t.Errorf("%s without report: kind %q bounce %+v cues %q", l.File, v.Kind, v.Bounce, v.Cues)
		}
	}
	if n != 9 {
		t.Errorf("%d bounces in the corpus, want 9", n)
	}
}
