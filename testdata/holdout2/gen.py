#!/usr/bin/env python3
"""Generate the second blind holdout set for regbot (testdata/holdout2).

Standard library only, deterministic: running it twice gives byte-identical files.

    python3 gen.py            # writes NNN-slug.eml, labels.jsonl, then self-checks
    python3 gen.py --check    # only re-parse the existing files and check the labels

The self-check re-parses every message with email.policy.default, decodes every
text part (also inside attached messages), and verifies that every name token,
organisation and address of the label occurs in the decoded mail.
"""

import base64
import datetime
import hashlib
import html
import json
import os
import quopri
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# low-level helpers
# ---------------------------------------------------------------------------


def h(seed, n=16, alphabet="0123456789ABCDEF"):
    """Deterministic pseudo-random string derived from seed."""
    out = []
    i = 0
    while len(out) < n:
        d = hashlib.sha256(f"{seed}#{i}".encode()).digest()
        for b in d:
            out.append(alphabet[b % len(alphabet)])
            if len(out) == n:
                break
        i += 1
    return "".join(out)


def hexs(seed, n):
    return h(seed, n, "0123456789abcdef")


def dt(y, mo, d, hh, mi, ss=0):
    """RFC 5322 date in Europe/Berlin (DST from 31 Mar 2024 02:00)."""
    t = datetime.datetime(y, mo, d, hh, mi, ss)
    off = "+0200" if t >= datetime.datetime(2024, 3, 31, 2, 0) else "+0100"
    return t.strftime("%a, %d %b %Y %H:%M:%S ") + off, t, off


def date_hdr(y, mo, d, hh, mi, ss=0):
    return dt(y, mo, d, hh, mi, ss)[0]


def plus(datestr, seconds):
    """A date string a few seconds after datestr (same offset)."""
    t = datetime.datetime.strptime(datestr[:-6], "%a, %d %b %Y %H:%M:%S")
    t = t + datetime.timedelta(seconds=seconds)
    return t.strftime("%a, %d %b %Y %H:%M:%S ") + datestr[-5:]


Q_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def ew(text, cs="utf-8", enc="b", first=0):
    """RFC 2047 encoded-words, folded with newline+space."""
    words = []
    cur = ""
    limit = 45 if enc == "b" else 62

    def enc_len(s):
        b = s.encode(cs)
        if enc == "b":
            return len(base64.b64encode(b))
        return sum(1 if c in Q_SAFE or c == 32 else 3 for c in b)

    for ch in text:
        if cur and enc_len(cur + ch) > (60 if enc == "b" else limit):
            words.append(cur)
            cur = ""
        cur += ch
    if cur:
        words.append(cur)
    out = []
    for w in words:
        b = w.encode(cs)
        if enc == "b":
            out.append(f"=?{cs}?b?{base64.b64encode(b).decode()}?=")
        else:
            s = "".join(
                chr(c) if c in Q_SAFE else ("_" if c == 32 else "=%02X" % c) for c in b
            )
            out.append(f"=?{cs}?q?{s}?=")
    return "\n ".join(out)


def subj(text, cs="utf-8", enc="b"):
    if all(ord(c) < 128 for c in text):
        return fold(text)
    return ew(text, cs, enc)


def fold(text, width=76):
    """Fold a plain ASCII header value at spaces."""
    if len(text) <= width:
        return text
    words = text.split(" ")
    lines = []
    cur = ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    lines.append(cur)
    return "\n ".join(lines)


def addr(name, email, cs="utf-8", enc="b"):
    if name is None:
        return email
    if all(ord(c) < 128 for c in name):
        if re.search(r'[,.;:()<>@"\[\]]', name):
            return f'"{name}" <{email}>'
        return f"{name} <{email}>"
    return f"{ew(name, cs, enc)}\n <{email}>" if len(name) > 18 else f"{ew(name, cs, enc)} <{email}>"


def qp(data):
    return quopri.encodestring(data)


def b64(data):
    return base64.encodebytes(data)


class Part:
    def __init__(self, headers, body):
        self.headers = headers  # list of (name, value) ; value str (ascii)
        self.body = body  # bytes

    def render(self):
        head = "".join(f"{k}: {v}\n" for k, v in self.headers).encode("utf-8")
        return head + b"\n" + self.body


def text_part(subtype, text, cs="utf-8", cte="quoted-printable", quote_cs=True,
              params="", extra=()):
    data = text.encode(cs)
    if cte == "quoted-printable":
        body = qp(data)
    elif cte == "base64":
        body = b64(data)
    else:
        body = data
    if not body.endswith(b"\n"):
        body += b"\n"
    csv = f'"{cs}"' if quote_cs else cs
    hdrs = [("Content-Type", f"text/{subtype}; charset={csv}{params}")]
    hdrs.extend(extra)
    hdrs.append(("Content-Transfer-Encoding", cte))
    return Part(hdrs, body)


def multipart(subtype, parts, boundary, preamble=None, params="", extra=()):
    chunks = []
    if preamble:
        chunks.append(preamble.encode() + b"\n")
    for p in parts:
        chunks.append(b"--" + boundary.encode() + b"\n" + p.render() + b"\n")
    chunks.append(b"--" + boundary.encode() + b"--\n")
    hdrs = [("Content-Type", f'multipart/{subtype};{params}\n boundary="{boundary}"')]
    hdrs.extend(extra)
    return Part(hdrs, b"".join(chunks))


def message(headers, part, crlf=False):
    """headers: list of (name, value) before MIME headers; part: Part."""
    hs = list(headers) + [("MIME-Version", "1.0")] + part.headers
    raw = "".join(f"{k}: {v}\n" for k, v in hs).encode("utf-8") + b"\n" + part.body
    if crlf:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return raw


def received(host, ip, date, seed, by="mx1.heinlein-support.de"):
    qid = "4V" + h(seed + "qid", 11, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    first = f"from {host} ({host} [{ip}]) by"
    if len(first) > 70:
        first = f"from {host}\n ({host} [{ip}]) by"
    return (f"{first}\n {by} (Postfix) with ESMTPS id {qid} for\n"
            f" <mail@heinlein-support.de>; {date}")


def std_headers(seed, frm, subject, date, msgid, host, ip, return_path=None,
                reply_to=None, cc=None, in_reply_to=None, extra=()):
    rp = return_path if return_path is not None else re.search(r"<([^>]+)>$", frm.replace("\n", " ")).group(1) if "<" in frm else frm
    hs = [("Return-Path", f"<{rp}>"),
          ("Delivered-To", "mail@heinlein-support.de"),
          ("Received", received(host, ip, plus(date, 23), seed)),
          ("From", frm),
          ("To", "mail@heinlein-support.de")]
    if cc:
        hs.append(("Cc", cc))
    if reply_to:
        hs.append(("Reply-To", reply_to))
    hs += [("Subject", subject), ("Date", date), ("Message-ID", msgid)]
    if in_reply_to:
        hs += [("In-Reply-To", in_reply_to), ("References", in_reply_to)]
    hs += list(extra)
    return hs


def ip_for(seed):
    d = hashlib.sha256(seed.encode()).digest()
    net = ["192.0.2", "198.51.100", "203.0.113"][d[0] % 3]
    return f"{net}.{d[1] % 250 + 3}"


# Message-ID styles ---------------------------------------------------------

def mid_o365(seed):
    k = h(seed, 4, "0123456789")
    box = f"FR2P281MB{k}"
    return f"\n <{box}{h(seed + 'o', 28)}@{box}.DEUP281.PROD.OUTLOOK.COM>"


def mid_outlook_desktop(seed, domain):
    return f"<{hexs(seed + 'a', 8)}01da{hexs(seed + 'b', 4)}${hexs(seed + 'c', 8)}${hexs(seed + 'd', 8)}$@{domain}>"


def mid_uuid(seed, domain, upper=False):
    x = hexs(seed + "u", 32)
    u = f"{x[:8]}-{x[8:12]}-4{x[13:16]}-a{x[17:20]}-{x[20:32]}"
    return f"<{u.upper() if upper else u}@{domain}>"


def mid_gmail(seed):
    al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    return f"<CA{h(seed + 'g', 3, al)}+{h(seed + 'G', 38, al)}@mail.gmail.com>"


def mid_simple(seed, domain):
    return f"<{hexs(seed + 's', 32)}@{domain}>"


def bnd_outlook(seed):
    return f"_000_FR2P281MB{h(seed + 'b', 24)}_"


def bnd_next(seed):
    return f"----=_NextPart_000_{h(seed + 'n', 4)}_01DA{h(seed + 'N', 4)}.{h(seed + 'x', 8)}"


def bnd_generic(seed):
    return f"=_{hexs(seed + 'g', 20)}_1"


def bnd_gmail(seed):
    return "000000000000" + hexs(seed + "m", 16)


def bnd_apple(seed):
    return f"Apple-Mail={mid_uuid(seed, 'x', True)[1:37]}"


# ---------------------------------------------------------------------------
# HTML renderers
# ---------------------------------------------------------------------------

OUTLOOK_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={cs}">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
	{{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}}
@font-face
	{{font-family:Calibri;
	panose-1:2 15 5 2 2 2 4 3 2 4;}}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin:0cm;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;
	mso-fareast-language:EN-US;}}
a:link, span.MsoHyperlink
	{{mso-style-priority:99;
	color:#0563C1;
	text-decoration:underline;}}
span.E-MailFormatvorlage18
	{{mso-style-type:personal-reply;
	font-family:"Calibri",sans-serif;
	color:windowtext;}}
.MsoChpDefault
	{{mso-style-type:export-only;
	font-size:10.0pt;}}
@page WordSection1
	{{size:612.0pt 792.0pt;
	margin:70.85pt 70.85pt 2.0cm 70.85pt;}}
div.WordSection1
	{{page:WordSection1;}}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="DE" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
"""

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def linkify(escaped):
    return EMAIL_RE.sub(lambda m: f'<a href="mailto:{m.group(0)}">{m.group(0)}</a>', escaped)


def esc(s, entities=False):
    s = html.escape(s, quote=False)
    if entities:
        s = "".join(c if ord(c) < 128 else f"&{ENT.get(c, '#%d' % ord(c))};" for c in s)
    return s


ENT = {"ä": "auml", "ö": "ouml", "ü": "uuml", "Ä": "Auml", "Ö": "Ouml", "Ü": "Uuml",
       "ß": "szlig", "„": "bdquo", "“": "ldquo", "”": "rdquo", "–": "ndash", "—": "mdash",
       "é": "eacute", "è": "egrave", "á": "aacute", "·": "middot", "’": "rsquo", "€": "euro",
       "\u00a0": "nbsp", "ç": "ccedil"}


def outlook_html(lines, cs, quote_hdr=None, quote_lines=None, entities=False):
    out = [OUTLOOK_HEAD.format(cs=cs)]
    for ln in lines:
        if ln.strip() == "":
            out.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n')
        else:
            out.append(f'<p class="MsoNormal">{linkify(esc(ln, entities))}<o:p></o:p></p>\n')
    if quote_hdr:
        out.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n')
        out.append('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">\n')
        for ln in quote_hdr:
            k, _, v = ln.partition(": ")
            out.append(f'<p class="MsoNormal"><b>{esc(k, entities)}:</b> {esc(v, entities)}<o:p></o:p></p>\n')
        out.append("</div>\n")
        out.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n')
        for ln in quote_lines:
            if ln.strip() == "":
                out.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n')
            else:
                out.append(f'<p class="MsoNormal">{esc(ln, entities)}<o:p></o:p></p>\n')
    out.append("</div>\n</body>\n</html>\n")
    return "".join(out)


def gmail_html(lines, attr=None, quote_lines=None):
    body = []
    for ln in lines:
        body.append(f"<div>{linkify(esc(ln))}</div>" if ln.strip() else "<div><br></div>")
    s = '<div dir="ltr">' + "".join(body) + "</div>"
    if attr:
        q = "<br>".join(esc(x) for x in quote_lines)
        s += ('<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
              f"{esc(attr)}<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;"
              f"border-left:1px solid rgb(204,204,204);padding-left:1ex\">{q}</blockquote></div>")
    return s + "\n"


def simple_html(paragraphs, entities=True, style=""):
    out = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
           f'<body{style}>']
    for p in paragraphs:
        out.append("<p>" + "<br>\n".join(linkify(esc(x, entities)) for x in p) + "</p>")
    out.append("</body></html>\n")
    return "\n".join(out)


def outlook_alt(seed, text, cs, quote_hdr=None, quote_lines=None, preamble=None):
    """Outlook multipart/alternative: text part (with optional quote) + Word HTML."""
    lines = text.split("\n")
    plain = text
    if quote_hdr:
        plain = text + "\n\n-----Ursprüngliche Nachricht-----\n" + "\n".join(quote_hdr) + "\n\n" + "\n".join(quote_lines) + "\n"
    tp = text_part("plain", plain if plain.endswith("\n") else plain + "\n", cs)
    hp = text_part("html", outlook_html(lines, cs, quote_hdr, quote_lines), cs)
    return multipart("alternative", [tp, hp], bnd_outlook(seed),
                     preamble=preamble)


def outlook_mua_headers(seed, subject, lang="de-DE"):
    return [("Thread-Topic", subject),
            ("Thread-Index", base64.b64encode(hashlib.sha1(seed.encode()).digest()[:20]).decode()),
            ("Accept-Language", f"{lang}, en-US"),
            ("Content-Language", lang),
            ("X-MS-Has-Attach", ""),
            ("X-MS-TNEF-Correlator", "")]


def gt(lines):
    return "\n".join(("> " + ln) if ln.strip() else ">" for ln in lines)


# ---------------------------------------------------------------------------
# organiser mails that replies quote
# ---------------------------------------------------------------------------

HS = "Heinlein Support <mail@heinlein-support.de>"
INV_ID = "<einladung-runder-tisch-20240320@heinlein-support.de>"
INV_SUBJ = "Einladung: Runder Tisch „Open Source in Berlin“ am 18. April 2024"
CONF_SUBJ = "Bestätigung Ihrer Anmeldung: Runder Tisch „Open Source in Berlin“ am 18.04.2024"
NT_CONF_SUBJ = "Bestätigung Ihrer Anmeldung: Open Source-Netzwerktag am 19.06.2024"
VORM_SUBJ = "Ihre Vormerkung: Open Source-Netzwerktag am 19.06.2024"
PROG_SUBJ = "Programm und Anmeldung: Open Source-Netzwerktag am 19.06.2024"
REM_SUBJ = "Erinnerung: Runder Tisch „Open Source in Berlin“ am Donnerstag, 18.04.2024"

INVITATION = """Sehr geehrte Damen und Herren,

Open Source ist für eine digital souveräne Verwaltung und für viele
Berliner Unternehmen längst mehr als ein Nischenthema. Die IHK Berlin und
die Heinlein Gruppe laden Sie deshalb herzlich ein zum

Runder Tisch „Open Source in Berlin“

Donnerstag, 18. April 2024, 13.00 – 17.30 Uhr
IHK Berlin, Ludwig Erhard Haus, Seminarraum 4 A 02
Fasanenstraße 85, 10623 Berlin

Gemeinsam mit Vertreterinnen und Vertretern aus der Berliner Verwaltung,
aus Unternehmen, Verbänden und Hochschulen möchten wir eine
Bestandsaufnahme machen und besprechen, wie Open Source in Berlin weiter
gestärkt werden kann.

Bitte melden Sie sich bis zum 12. April 2024 per E-Mail an
mail@heinlein-support.de an.

Vorankündigung: Am 19. Juni 2024 findet in den Räumen der IHK Berlin der
Open Source-Netzwerktag statt – mit Showcases, einem Vortragstrack „Open
Source in der öffentlich-rechtlichen Vergabe“ sowie Einblicken in das
Open-Source-Kompetenzzentrum (OSK) beim ITDZ Berlin und in die
Open-Source-Strategie des Landes Berlin. Wenn Sie schon jetzt vorgemerkt
werden und weitere Informationen erhalten möchten, schreiben Sie uns
gern an dieselbe Adresse.

Wir freuen uns auf den Austausch mit Ihnen!

Mit freundlichen Grüßen

IHK Berlin und Heinlein Gruppe""".split("\n")


def confirmation(name):
    return f"""Guten Tag {name},

vielen Dank für Ihre Anmeldung. Hiermit bestätigen wir Ihre Teilnahme am

  Runder Tisch „Open Source in Berlin“
  Donnerstag, 18. April 2024, 13:00–17:30 Uhr
  IHK Berlin, Ludwig Erhard Haus, Seminarraum 4 A 02
  Fasanenstraße 85, 10623 Berlin

Falls Sie nicht teilnehmen können, antworten Sie bitte kurz auf diese
E-Mail, damit wir Ihren Platz weitergeben können.

Mit freundlichen Grüßen
Ihr Veranstaltungsteam der Heinlein Gruppe

--
Diese Nachricht wurde automatisch erstellt.""".split("\n")


def nt_confirmation(name):
    return f"""Guten Tag {name},

vielen Dank für Ihre Anmeldung. Hiermit bestätigen wir Ihre Teilnahme am

  Open Source-Netzwerktag
  Mittwoch, 19. Juni 2024
  IHK Berlin, Ludwig Erhard Haus
  Fasanenstraße 85, 10623 Berlin

Falls Sie nicht teilnehmen können, antworten Sie bitte kurz auf diese
E-Mail, damit wir Ihren Platz weitergeben können.

Mit freundlichen Grüßen
Ihr Veranstaltungsteam der Heinlein Gruppe

--
Diese Nachricht wurde automatisch erstellt.""".split("\n")


def programme(name):
    return f"""Guten Tag {name},

das Programm des Open Source-Netzwerktags am 19. Juni 2024 steht:
Showcases, der Vortragstrack „Open Source in der öffentlich-rechtlichen
Vergabe“ und Einblicke in das Open-Source-Kompetenzzentrum beim ITDZ
Berlin. Zur Anmeldung antworten Sie einfach auf diese E-Mail.

Mit freundlichen Grüßen
Ihr Veranstaltungsteam der Heinlein Gruppe""".split("\n")


def reminder(name):
    return f"""Guten Tag {name},

wir freuen uns, Sie übermorgen zum Runden Tisch „Open Source in Berlin“
begrüßen zu dürfen:

  Donnerstag, 18. April 2024, 13:00–17:30 Uhr
  IHK Berlin, Ludwig Erhard Haus, Seminarraum 4 A 02
  Fasanenstraße 85, 10623 Berlin

Bitte bringen Sie einen Lichtbildausweis mit. Falls Sie nicht teilnehmen
können, geben Sie uns bitte kurz Bescheid.

Mit freundlichen Grüßen
Ihr Veranstaltungsteam der Heinlein Gruppe""".split("\n")


def organiser_rfc822(to, subject, date, msgid, body_lines, seed):
    """The organiser's own mail as returned inside a bounce."""
    hs = [("Received", "from bot.heinlein-support.de (bot.heinlein-support.de [10.20.0.15])\n"
           f" by smtp-out.heinlein-support.de (Postfix) with ESMTPS id 4V{h(seed + 'o', 11, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')} for\n"
           f" <{to}>; {date}"),
          ("From", HS), ("To", to), ("Subject", ew(subject, "utf-8", "q")),
          ("Date", date), ("Message-ID", msgid), ("Auto-Submitted", "auto-generated")]
    inner = text_part("plain", "\n".join(body_lines) + "\n", "utf-8")
    return message(hs, inner)


# ---------------------------------------------------------------------------
# labels
# ---------------------------------------------------------------------------

MACHINE = {"auto_reply", "bounce", "spam"}


def label(requests, contact=None, attendees=(), bounced=None):
    reqs = [{"intent": i, "event": e} for i, e in requests]
    reply = not any(i in MACHINE for i, _ in requests)
    return {
        "requests": reqs,
        "contact": None if contact is None else
        {"name": contact[0], "organisation": contact[1], "email": contact[2]},
        "attendees": [{"name": n, "email": e} for n, e in attendees],
        "bounced": bounced,
        "reply": reply,
    }


RT, NT = "runder-tisch", "netzwerktag"
MAILS = []


def mail(slug, note):
    def deco(fn):
        MAILS.append((slug, note, fn))
        return fn
    return deco


# ===========================================================================
# registrations
# ===========================================================================

@mail("gerne-anmelden-freue-mich-wien",
      "Austrian phrasing („Ich würde mich gerne … anmelden und freue mich“), „Mag.“ title kept, role line above the company, Vienna address.")
def _():
    s = "001"
    date = date_hdr(2024, 3, 21, 10, 42, 11)
    subject = "Anmeldung Runder Tisch 18. April"
    text = """Sehr geehrte Damen und Herren,

ich würde mich gerne zum Runden Tisch „Open Source in Berlin“ am 18. April anmelden und freue mich schon sehr auf den Austausch. Wir sind seit Jahresbeginn auch mit einem kleinen Team in Berlin vertreten.

Mit lieben Grüßen aus Wien

Mag. Verena Lechner
Head of Public Sector
Donauquell Software GmbH
Mariahilfer Straße 47/3, 1060 Wien
T +43 1 526 44 10-23
www.donauquell.at

Donauquell Software GmbH | FN 412877 x | Handelsgericht Wien | UID ATU68123456"""
    frm = addr("Lechner, Verena", "verena.lechner@donauquell.at")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-vi1eur04on2061.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "utf-8"))
    return raw, label([("register", RT)], ("Mag. Verena Lechner", "Donauquell Software GmbH", "verena.lechner@donauquell.at"),
                      [("Mag. Verena Lechner", "verena.lechner@donauquell.at")])


@mail("gerne-nehme-ich-teil-zuerich",
      "Swiss phrasing („Gerne nehme ich … teil“, „Grüsse“, „Strasse“ without ß); the unit line „Zweigniederlassung Berlin“ is not part of the organisation; format=flowed.")
def _():
    s = "002"
    date = date_hdr(2024, 3, 22, 8, 5, 40)
    text = """Guten Tag

Gerne nehme ich am Runden Tisch vom 18. April in der IHK teil. Ich bin an 
diesem Tag ohnehin in Berlin.

Freundliche Grüsse
Reto Ammann

-- 
Reto Ammann
Leiter Behördenlösungen
Limmatwerk Informatik AG
Zweigniederlassung Berlin
Chausseestrasse 8, 10115 Berlin
"""
    frm = addr("Reto Ammann", "reto.ammann@limmatwerk.ch")
    hs = std_headers(s, frm, "Teilnahme Runder Tisch", date, mid_uuid(s, "limmatwerk.ch"),
                     "mail.limmatwerk.ch", ip_for(s),
                     extra=[("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "de-CH")])
    raw = message(hs, text_part("plain", text, "utf-8", "8bit", params="; format=flowed"))
    return raw, label([("register", RT)], ("Reto Ammann", "Limmatwerk Informatik AG", "reto.ammann@limmatwerk.ch"),
                      [("Reto Ammann", "reto.ammann@limmatwerk.ch")])


@mail("mit-von-der-partie-gmail",
      "„Ich bin gern mit von der Partie“ over the fully quoted invitation (which names the Netzwerktag, „vorgemerkt“, „Informationen“); first name only in the text, full name only in From.")
def _():
    s = "003"
    date = date_hdr(2024, 3, 20, 17, 5, 2)
    text = """Hallo zusammen,

ich bin gern mit von der Partie!

LG
Johanna"""
    attr = "Am Mi., 20. März 2024 um 10:00 Uhr schrieb Heinlein Support <mail@heinlein-support.de>:"
    plain = text + "\n\n" + attr + "\n\n" + gt(INVITATION) + "\n"
    alt = multipart("alternative", [text_part("plain", plain, "utf-8", quote_cs=False),
                                    text_part("html", gmail_html(text.split("\n"), attr, INVITATION), "utf-8", quote_cs=False)],
                    bnd_gmail(s))
    frm = addr("Johanna Pfisterer", "johanna.pfisterer@gmail.com")
    hs = std_headers(s, frm, ew("Re: " + INV_SUBJ, "utf-8", "q"), date, mid_gmail(s), "mail-ej1-f44.google.com",
                     ip_for(s), in_reply_to=INV_ID)
    raw = message(hs, alt)
    return raw, label([("register", RT)], ("Johanna Pfisterer", None, "johanna.pfisterer@gmail.com"),
                      [("Johanna Pfisterer", "johanna.pfisterer@gmail.com")])


@mail("zu-zweit-mit-dabei",
      "„Wir sind zu zweit mit dabei“: the colleague is named first, the sender second („und ich“); Latin-1 Outlook.")
def _():
    s = "004"
    date = date_hdr(2024, 3, 25, 14, 17, 36)
    subject = "Runder Tisch 18.04.2024"
    text = """Sehr geehrte Damen und Herren,

beim Runden Tisch am 18. April sind wir zu zweit mit dabei: meine Kollegin Cornelia Stegmann und ich.

Mit freundlichen Grüßen

Hartmut Riedel
Geschäftsführer

Tegeler Datentechnik GmbH
Berliner Straße 25, 13507 Berlin
Tel. 030 4309 771-0
Sitz der Gesellschaft: Berlin, Amtsgericht Charlottenburg HRB 98231 B"""
    frm = addr("Hartmut Riedel", "h.riedel@tegeler-datentechnik.de")
    hs = std_headers(s, frm, subject, date, mid_outlook_desktop(s, "tegeler-datentechnik.de"),
                     "mail.tegeler-datentechnik.de", ip_for(s),
                     extra=[("X-Mailer", "Microsoft Outlook 16.0"), ("Thread-Index", "AQHadrNtWu1EYBkJSUq5" + h(s, 8)),
                            ("Content-Language", "de")])
    alt = multipart("alternative", [text_part("plain", text + "\n", "iso-8859-1"),
                                    text_part("html", outlook_html(text.split("\n"), "iso-8859-1"), "iso-8859-1")],
                    bnd_next(s), preamble="This is a multipart message in MIME format.")
    raw = message(hs, alt)
    return raw, label([("register", RT)], ("Hartmut Riedel", "Tegeler Datentechnik GmbH", "h.riedel@tegeler-datentechnik.de"),
                      [("Hartmut Riedel", "h.riedel@tegeler-datentechnik.de"), ("Cornelia Stegmann", None)])


@mail("bitte-um-anmeldung-kurz",
      "Austrian telegram style „Bitte um Anmeldung“ with no verb of the sender; organisation with the Austrian legal form OG and a unit line.")
def _():
    s = "005"
    date = date_hdr(2024, 3, 26, 9, 58, 3)
    text = """Sehr geehrte Damen und Herren,

bitte um Anmeldung für den Runden Tisch am 18.4. – 1 Person.

Besten Dank und schöne Grüße
Florian Gruber

Alpenbit Softwareentwicklung OG
Niederlassung Berlin
Oranienstraße 183, 10999 Berlin
"""
    frm = addr("Florian Gruber", "gruber@alpenbit.berlin")
    hs = std_headers(s, frm, ew("Bitte um Anmeldung – Runder Tisch", "utf-8", "q"), date,
                     mid_simple(s, "alpenbit.berlin"), "mail.alpenbit.berlin", ip_for(s),
                     extra=[("User-Agent", "Roundcube Webmail/1.6.6")])
    raw = message(hs, text_part("plain", text, "UTF-8", quote_cs=False, params="; format=flowed"))
    return raw, label([("register", RT)], ("Florian Gruber", "Alpenbit Softwareentwicklung OG", "gruber@alpenbit.berlin"),
                      [("Florian Gruber", "gruber@alpenbit.berlin")])


@mail("zwei-plaetze-reserviert",
      "„Ich hätte gern zwei Plätze reserviert“; the second person is named with „Frau Dr.“ and an office title („Justiziarin“); windows-1252 body and windows-1252 encoded-word subject („ and “).")
def _():
    s = "006"
    date = date_hdr(2024, 3, 26, 11, 30, 48)
    subject_t = "Runder Tisch „Open Source in Berlin“ – 2 Plätze"
    text = """Guten Tag,

für den Runden Tisch „Open Source in Berlin“ am 18. April hätte ich gern zwei Plätze reserviert: für mich und für unsere Justiziarin Frau Dr. Ingeborg Rauscher.

Vielen Dank und freundliche Grüße

Dominik Kessler
Leitung IT und Organisation
Genossenschaft Spreeufer eG
Stralauer Allee 12, 10245 Berlin
Telefon: 030 2936 118-40
E-Mail: dominik.kessler@spreeufer-eg.de"""
    frm = addr("Kessler, Dominik", "Dominik.Kessler@spreeufer-eg.de")
    subject = ew(subject_t, "windows-1252", "q")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-fr2deu01on2099.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "windows-1252"))
    return raw, label([("register", RT)], ("Dominik Kessler", "Genossenschaft Spreeufer eG", "dominik.kessler@spreeufer-eg.de"),
                      [("Dominik Kessler", "dominik.kessler@spreeufer-eg.de"), ("Dr. Ingeborg Rauscher", None)])


@mail("bin-dabei-gruss-k",
      "Four words („Bin dabei. Gruß K.“) above the quoted invitation; the name is only in the From display name, the signature is an initial.")
def _():
    s = "007"
    date = date_hdr(2024, 3, 20, 12, 31, 9)
    text = """Bin dabei. Gruß K.

Von meinem iPhone gesendet

> Am 20.03.2024 um 10:00 schrieb Heinlein Support <mail@heinlein-support.de>:
>
""" + gt(INVITATION) + "\n"
    frm = addr("Konstanze Vetter", "konstanze.vetter@posteo.de")
    hs = std_headers(s, frm, ew("Re: " + INV_SUBJ, "utf-8", "q"), date, mid_uuid(s, "posteo.de", True),
                     "mout02.posteo.de", ip_for(s), in_reply_to=INV_ID,
                     extra=[("X-Mailer", "iPhone Mail (21D61)")])
    raw = message(hs, text_part("plain", text, "utf-8", quote_cs=False))
    return raw, label([("register", RT)], ("Konstanze Vetter", None, "konstanze.vetter@posteo.de"),
                      [("Konstanze Vetter", "konstanze.vetter@posteo.de")])


@mail("count-us-in-english",
      "English „Count us in – two people from …“: short company name in the text, full name with role „|“ in the signature; the colleague's address in parentheses.")
def _():
    s = "008"
    date = date_hdr(2024, 3, 27, 16, 44, 20)
    text = """Hi there,

Count us in – two people from Brightloop for the round table on 18 April: myself and our data engineer Ayşe Kılıç (ayse.kilic@brightloop.io).

Cheers,
Oliver

--
Oliver Pennington
Co-founder & CEO | Brightloop Analytics GmbH
Köpenicker Str. 154a, 10997 Berlin"""
    alt = multipart("alternative", [text_part("plain", text + "\n", "UTF-8", quote_cs=False),
                                    text_part("html", gmail_html(text.split("\n")), "UTF-8", quote_cs=False)],
                    bnd_gmail(s))
    frm = addr("Oliver Pennington", "oliver@brightloop.io")
    hs = std_headers(s, frm, "Round table 18 April", date, mid_gmail(s), "mail-wr1-f54.google.com", ip_for(s))
    raw = message(hs, alt)
    return raw, label([("register", RT)], ("Oliver Pennington", "Brightloop Analytics GmbH", "oliver@brightloop.io"),
                      [("Oliver Pennington", "oliver@brightloop.io"), ("Ayşe Kılıç", "ayse.kilic@brightloop.io")])


@mail("ill-attend-apple",
      "English „I'll attend“ from Apple Mail with an English quote header over the invitation; date only in the quote.")
def _():
    s = "009"
    date = date_hdr(2024, 3, 21, 7, 52, 30)
    text = """Dear organisers,

thank you for the kind invitation – I'll attend.

Best regards
Elena Marchetti

Dr. Elena Marchetti
Senior Researcher
Fraunhofer FOKUS
Kaiserin-Augusta-Allee 31, 10589 Berlin


> On 20. Mar 2024, at 10:00, Heinlein Support <mail@heinlein-support.de> wrote:
>
""" + gt(INVITATION) + "\n"
    frm = addr("Elena Marchetti", "elena.marchetti@fokus.fraunhofer.de")
    hs = std_headers(s, frm, ew("Re: " + INV_SUBJ, "utf-8", "q"), date, mid_uuid(s, "fokus.fraunhofer.de", True),
                     "mail.fokus.fraunhofer.de", ip_for(s), in_reply_to=INV_ID,
                     extra=[("X-Mailer", "Apple Mail (2.3774.400.31)")])
    raw = message(hs, text_part("plain", text, "utf-8", quote_cs=False))
    return raw, label([("register", RT)], ("Dr. Elena Marchetti", "Fraunhofer FOKUS", "elena.marchetti@fokus.fraunhofer.de"),
                      [("Dr. Elena Marchetti", "elena.marchetti@fokus.fraunhofer.de")])


@mail("register-my-colleague-english",
      "English „Could you register my colleague …“: the sender does not attend („travelling that week“ is no cancellation), only the colleague with her address.")
def _():
    s = "010"
    date = date_hdr(2024, 3, 28, 13, 12, 5)
    subject = "Registration for the round table on 18 April"
    text = """Hello,

could you register my colleague Femke de Vries (femke.devries@kiezstrom.de) for the round table on 18 April? I'm travelling that week myself, so it will be just her.

Many thanks,
Sunita Rao
Head of IT
Kiezstrom Energie GmbH
Gneisenaustrasse 66, 10961 Berlin"""
    frm = addr("Sunita Rao", "sunita.rao@kiezstrom.de")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-am6eur05on2070.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, subject, "en-US"))
    alt = multipart("alternative", [text_part("plain", text + "\n", "us-ascii", "7bit"),
                                    text_part("html", outlook_html(text.split("\n"), "us-ascii"), "us-ascii")],
                    bnd_outlook(s))
    raw = message(hs, alt)
    return raw, label([("register", RT)], ("Sunita Rao", "Kiezstrom Energie GmbH", "sunita.rao@kiezstrom.de"),
                      [("Femke de Vries", "femke.devries@kiezstrom.de")])




@mail("outlook-anmeldung-nur-zitat",
      "Subject rewritten to „Anmeldung“ and the body names no event: the only event reference is the invitation quoted under Outlook's „-----Ursprüngliche Nachricht-----“ (which also names the Netzwerktag).")
def _():
    s = "011"
    date = date_hdr(2024, 3, 22, 8, 12, 44)
    subject = "Anmeldung"
    text = """Guten Morgen,

hiermit melde ich mich verbindlich an.

Viele Grüße
Gudrun Möllenkamp

Deutsche Rentenversicherung Berlin-Brandenburg
Stabsstelle Digitalisierung
Knobelsdorffstraße 92, 14059 Berlin"""
    qh = ["Von: Heinlein Support <mail@heinlein-support.de> ",
          "Gesendet: Mittwoch, 20. März 2024 10:00",
          "An: Möllenkamp, Gudrun <Gudrun.Moellenkamp@drv-berlin-brandenburg.de>",
          "Betreff: " + INV_SUBJ]
    frm = addr("Möllenkamp, Gudrun", "Gudrun.Moellenkamp@drv-berlin-brandenburg.de")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-fr2deu01on2134.outbound.protection.outlook.com",
                     ip_for(s), in_reply_to=INV_ID, extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "utf-8", qh, INVITATION))
    return raw, label([("register", RT)],
                      ("Gudrun Möllenkamp", "Deutsche Rentenversicherung Berlin-Brandenburg", "gudrun.moellenkamp@drv-berlin-brandenburg.de"),
                      [("Gudrun Möllenkamp", "gudrun.moellenkamp@drv-berlin-brandenburg.de")])


@mail("teilnehmende-signaturblock",
      "Attendees listed after „Teilnehmende:“ in blocks that look like signatures (name, role, organisation, address); the sender is the second block and her real signature follows; contact first.")
def _():
    s = "012"
    date = date_hdr(2024, 4, 2, 15, 3, 27)
    text = """Sehr geehrte Damen und Herren,

zum Runden Tisch am 18. April melden wir uns wie folgt an.

Teilnehmende:

Dr. Carsten Oberndorfer
Vorstand
Stiftung Offene Bildung Berlin
carsten.oberndorfer@offene-bildung.berlin

Miriam Fahrenholz
Referentin Digitalisierung
Stiftung Offene Bildung Berlin
miriam.fahrenholz@offene-bildung.berlin

Mit freundlichen Grüßen

Miriam Fahrenholz
Referentin Digitalisierung

Stiftung Offene Bildung Berlin
Linienstraße 65, 10119 Berlin
Tel. 030 2886 4410
"""
    frm = addr("Miriam Fahrenholz", "miriam.fahrenholz@offene-bildung.berlin")
    hs = std_headers(s, frm, "Anmeldung Runder Tisch", date, f"<{hexs(s, 8)}-{hexs(s + 'z', 4)}-{hexs(s + 'y', 4)}@offene-bildung.berlin>",
                     "mail.offene-bildung.berlin", ip_for(s), extra=[("User-Agent", "SOGoMail 5.10.0")])
    raw = message(hs, text_part("plain", text, "utf-8"))
    return raw, label([("register", RT)], ("Miriam Fahrenholz", "Stiftung Offene Bildung Berlin", "miriam.fahrenholz@offene-bildung.berlin"),
                      [("Miriam Fahrenholz", "miriam.fahrenholz@offene-bildung.berlin"),
                       ("Dr. Carsten Oberndorfer", "carsten.oberndorfer@offene-bildung.berlin")])


@mail("drei-kollegen-prof-dr",
      "Three colleagues as a dash list with „Herrn Prof. Dr.“, „Frau“, „Herrn Dr.“ (salutations go, titles stay), two with addresses; „Ich selbst begleite die drei“ puts the sender first; Latin-1 with á.")
def _():
    s = "013"
    date = date_hdr(2024, 4, 3, 10, 26, 55)
    subject = "Anmeldung Runder Tisch 18.04.2024 - TH Wildau"
    text = """Sehr geehrte Damen und Herren,

für den Runden Tisch am 18.04.2024 möchte ich drei Kollegen aus unserem Fachbereich anmelden:

- Herrn Prof. Dr. Wendelin Haberkorn (wendelin.haberkorn@th-wildau.de)
- Frau Svea Lindholm (svea.lindholm@th-wildau.de)
- Herrn Dr. Jaroslav Novák

Ich selbst begleite die drei ebenfalls.

Mit freundlichen Grüßen

Sieglinde Kranz
Referentin des Dekanats
Technische Hochschule Wildau
Fachbereich Ingenieur- und Naturwissenschaften
Hochschulring 1, 15745 Wildau"""
    frm = addr("Kranz, Sieglinde", "sieglinde.kranz@th-wildau.de")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-fr2deu01on2112.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "iso-8859-1", preamble="This is a multi-part message in MIME format."))
    return raw, label([("register", RT)], ("Sieglinde Kranz", "Technische Hochschule Wildau", "sieglinde.kranz@th-wildau.de"),
                      [("Sieglinde Kranz", "sieglinde.kranz@th-wildau.de"),
                       ("Prof. Dr. Wendelin Haberkorn", "wendelin.haberkorn@th-wildau.de"),
                       ("Svea Lindholm", "svea.lindholm@th-wildau.de"),
                       ("Dr. Jaroslav Novák", None)])


@mail("assistenz-zwei-geschaeftsfuehrer",
      "Assistant registers the two managing directors with their addresses in the text and does not attend; the legal footer repeats both names; encoded-word display name with ć.")
def _():
    s = "014"
    date = date_hdr(2024, 4, 4, 9, 7, 31)
    subject = "Anmeldung Geschäftsführung – Runder Tisch 18.04."
    text = """Guten Tag,

im Auftrag der Geschäftsführung melde ich für den Runden Tisch „Open Source in Berlin“ folgende Personen an:

Herrn Benedikt Sauerland, Geschäftsführer – b.sauerland@ostkreuz-systems.de
Frau Dr. Henrike Walz, Geschäftsführerin – h.walz@ostkreuz-systems.de

Ich selbst nehme nicht teil. Bitte senden Sie die Bestätigungen direkt an beide.

Freundliche Grüße
Tamara Jurić
Assistenz der Geschäftsführung

Ostkreuz Systems GmbH
Revaler Straße 99, 10245 Berlin
Geschäftsführer: Benedikt Sauerland, Dr. Henrike Walz
Amtsgericht Charlottenburg, HRB 201337 B"""
    frm = addr("Tamara Jurić", "t.juric@ostkreuz-systems.de")
    sj = ew(subject)
    hs = std_headers(s, frm, sj, date, mid_o365(s), "mail-fr2deu01on2077.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, sj))
    raw = message(hs, outlook_alt(s, text, "utf-8"))
    return raw, label([("register", RT)], ("Tamara Jurić", "Ostkreuz Systems GmbH", "t.juric@ostkreuz-systems.de"),
                      [("Benedikt Sauerland", "b.sauerland@ostkreuz-systems.de"),
                       ("Dr. Henrike Walz", "h.walz@ostkreuz-systems.de")])


@mail("kollegin-meldet-sich-selbst",
      "„Meine Kollegin … meldet sich aber selbst noch an“: the colleague is named but not registered by this mail; only the sender attends.")
def _():
    s = "015"
    date = date_hdr(2024, 4, 4, 16, 40, 12)
    text = """Hallo,

ich melde mich für den Runden Tisch am 18. April an. Meine Kollegin Rieke Jessen ist auch interessiert – sie meldet sich aber selbst noch bei Ihnen an.

Viele Grüße
Wiebke Thorsen

-- 
Wiebke Thorsen
Projektleiterin Smart City
Energieagentur Spree GmbH
Schützenstraße 6a, 10117 Berlin
"""
    frm = addr("Wiebke Thorsen", "wiebke.thorsen@energieagentur-spree.de")
    hs = std_headers(s, frm, "Runder Tisch am 18.4.", date, mid_uuid(s, "energieagentur-spree.de"),
                     "mx.energieagentur-spree.de", ip_for(s),
                     extra=[("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "de-DE")])
    raw = message(hs, text_part("plain", text, "UTF-8", "8bit", params="; format=flowed"))
    return raw, label([("register", RT)], ("Wiebke Thorsen", "Energieagentur Spree GmbH", "wiebke.thorsen@energieagentur-spree.de"),
                      [("Wiebke Thorsen", "wiebke.thorsen@energieagentur-spree.de")])


@mail("frage-im-betreff-nur-anmeldung",
      "Subject „Frage zum Runden Tisch“ and the word „fragen“ in the text, but the question answered itself: a plain registration, no question.")
def _():
    s = "016"
    date = date_hdr(2024, 4, 5, 11, 2, 18)
    text = """Sehr geehrte Damen und Herren,

eigentlich wollte ich fragen, ob der Runde Tisch auch für kleine Agenturen offen ist – Ihre Einladung beantwortet das aber schon. Daher einfach: Ich möchte mich gern für den 18. April anmelden.

Beste Grüße
Torsten Weidemann

Weidemann Webdesign
Wühlischstraße 12, 10245 Berlin
"""
    frm = addr("Torsten Weidemann", "kontakt@weidemann-webdesign.de")
    hs = std_headers(s, frm, "Frage zum Runden Tisch am 18.04.", date, mid_uuid(s, "weidemann-webdesign.de", True),
                     "smtp.udag.de", ip_for(s), extra=[("X-Mailer", "Apple Mail (2.3774.500.171.1.1)")])
    raw = message(hs, text_part("plain", text, "utf-8", quote_cs=False))
    return raw, label([("register", RT)], ("Torsten Weidemann", "Weidemann Webdesign", "kontakt@weidemann-webdesign.de"),
                      [("Torsten Weidemann", "kontakt@weidemann-webdesign.de")])


@mail("reply-to-vorzimmer-prof",
      "Reply-To goes to the Rektorat's front office: contact address is the Reply-To, the professor keeps her own From address as attendee; Latin-1 8bit.")
def _():
    s = "017"
    date = date_hdr(2024, 4, 8, 13, 55, 2)
    text = """Sehr geehrte Damen und Herren,

am Runden Tisch "Open Source in Berlin" am 18. April nehme ich gern teil.
Für organisatorische Rückfragen wenden Sie sich bitte an mein Vorzimmer,
an das auch die Antwortadresse dieser Nachricht geht.

Mit freundlichen Grüßen
Prof. Dr. Hannelore Kampmann
Prorektorin für Digitalisierung

Alice Salomon Hochschule Berlin
Alice-Salomon-Platz 5, 12627 Berlin
"""
    frm = addr("Prof. Dr. Hannelore Kampmann", "hannelore.kampmann@ash-berlin.eu")
    rt = addr("Vorzimmer Prorektorat", "prorektorat@ash-berlin.eu")
    hs = std_headers(s, frm, "Runder Tisch 18.04.2024", date, mid_uuid(s, "ash-berlin.eu"), "mail.ash-berlin.eu",
                     ip_for(s), reply_to=rt,
                     extra=[("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "de-DE")])
    raw = message(hs, text_part("plain", text, "ISO-8859-1", "8bit", quote_cs=False, params="; format=flowed"))
    return raw, label([("register", RT)], ("Prof. Dr. Hannelore Kampmann", "Alice Salomon Hochschule Berlin", "prorektorat@ash-berlin.eu"),
                      [("Prof. Dr. Hannelore Kampmann", "hannelore.kampmann@ash-berlin.eu")])


@mail("funktionspostfach-i-a",
      "Functional mailbox; the signer („Im Auftrag“) registers herself in the third person plus a colleague: she gets the mailbox address, he gets none.")
def _():
    s = "018"
    date = date_hdr(2024, 4, 9, 10, 14, 7)
    subject = "Runder Tisch Open Source 18.04. – Teilnahme LDA"
    text = """Sehr geehrte Damen und Herren,

für das Landesdenkmalamt nimmt Frau Renate Vollbrecht am Runden Tisch „Open Source in Berlin“ teil; Herr Kaan Demirtaş begleitet sie.

Mit freundlichen Grüßen
Im Auftrag
Renate Vollbrecht

Landesdenkmalamt Berlin
IT-Koordination
Altes Stadthaus, Klosterstraße 47, 10179 Berlin"""
    frm = addr("IT-Koordination LDA", "it-koordination@lda.berlin.de")
    sj = ew(subject)
    hs = std_headers(s, frm, sj, date, mid_o365(s), "mailout.berlin.de", ip_for(s), extra=outlook_mua_headers(s, sj))
    raw = message(hs, outlook_alt(s, text, "utf-8"))
    return raw, label([("register", RT)], ("Renate Vollbrecht", "Landesdenkmalamt Berlin", "it-koordination@lda.berlin.de"),
                      [("Renate Vollbrecht", "it-koordination@lda.berlin.de"), ("Kaan Demirtaş", None)])


@mail("netzwerktag-nachname-vorname",
      "Netzwerktag registration as an Outlook reply to the programme mail; „Jürgens, Björn“ as Latin-1 encoded-word; windows-1252 body; a legal-form line „Anstalt des öffentlichen Rechts“ and a disclaimer below the signature.")
def _():
    s = "019"
    date = date_hdr(2024, 6, 5, 8, 47, 19)
    subject = "AW: " + PROG_SUBJ
    text = """Guten Tag,

vielen Dank für das Programm – hiermit melde ich mich an.

Mit freundlichen Grüßen
Björn Jürgens
IT-Architektur

Investitionsbank Berlin
Anstalt des öffentlichen Rechts
Bundesallee 210, 10719 Berlin

Diese E-Mail kann vertrauliche Informationen enthalten. Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte den Absender und löschen Sie diese E-Mail."""
    qh = ["Von: Heinlein Support <mail@heinlein-support.de> ",
          "Gesendet: Montag, 3. Juni 2024 09:15",
          "An: Jürgens, Björn <Bjoern.Juergens@ibb.de>",
          "Betreff: " + PROG_SUBJ]
    frm = addr("Jürgens, Björn", "Bjoern.Juergens@ibb.de", "iso-8859-1", "q")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-fr2deu01on2145.outbound.protection.outlook.com",
                     ip_for(s), in_reply_to="<nt-programm-20240603-0047@heinlein-support.de>",
                     extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "windows-1252", qh, programme("Björn Jürgens"),
                                  preamble="This is a multi-part message in MIME format."))
    return raw, label([("register", NT)], ("Björn Jürgens", "Investitionsbank Berlin", "bjoern.juergens@ibb.de"),
                      [("Björn Jürgens", "bjoern.juergens@ibb.de")])


@mail("html-only-entities",
      "HTML only (Horde), every umlaut and the quotes as entities; the organisation contains „&amp;“.")
def _():
    s = "020"
    date = date_hdr(2024, 4, 9, 20, 31, 46)
    paras = [["Liebes Orga-Team,"],
             ["ich würde sehr gern am Runden Tisch „Open Source in Berlin“ am 18. April teilnehmen. "
              "Wir gestalten seit Jahren Oberflächen für Fachverfahren und sind neugierig auf die Diskussion."],
             ["Herzliche Grüße", "Leonie Hartkopf"],
             ["Hartkopf & Lenz Designbüro", "Boxhagener Straße 74, 10245 Berlin", "www.hartkopf-lenz.de"]]
    body = simple_html(paras)
    frm = addr("Leonie Hartkopf", "leonie@hartkopf-lenz.de")
    hs = std_headers(s, frm, "Teilnahme Runder Tisch", date, f"<20240409203146.Horde.{h(s, 22, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}@webmail.hartkopf-lenz.de>",
                     "webmail.hartkopf-lenz.de", ip_for(s), extra=[("User-Agent", "Horde Application Framework 5")])
    raw = message(hs, text_part("html", body, "utf-8", quote_cs=False))
    return raw, label([("register", RT)], ("Leonie Hartkopf", "Hartkopf & Lenz Designbüro", "leonie@hartkopf-lenz.de"),
                      [("Leonie Hartkopf", "leonie@hartkopf-lenz.de")])


@mail("cp1252-base64-notes",
      "HCL Notes: windows-1252 body in base64 with CRLF, „“ as 0x84/0x93 and Ž (0x8E) in the colleague's name; windows-1252 encoded-word display name; legal-form line below the organisation.")
def _():
    s = "021"
    date = date_hdr(2024, 4, 10, 7, 58, 0)
    text = """Sehr geehrte Damen und Herren,

hiermit melde ich mich und meine Kollegin Frau Žaneta Horáková zum Runden Tisch „Open Source in Berlin“ am 18.04. an.

Mit freundlichen Grüßen

Ralf-Peter Grützmacher
Berliner Wasserbetriebe
Anstalt öffentlichen Rechts
IT-Infrastruktur (IT-I)
Neue Jüdenstraße 1, 10179 Berlin
""".replace("\n", "\r\n")
    frm = addr("Ralf-Peter Grützmacher", "ralf-peter.gruetzmacher@bwb.de", "windows-1252", "q")
    hs = std_headers(s, frm, "Anmeldung Runder Tisch", date,
                     f"<OF{h(s, 8)}.{h(s + 'n', 8)}-ONC1258A{h(s + 'm', 2)}.00{h(s + 'k', 6)}@bwb.de>",
                     "notes-gw.bwb.de", ip_for(s), extra=[("X-Mailer", "HCL Notes Release 12.0.2 November 03, 2022"),
                                                         ("X-Priority", "3 (Normal)")])
    raw = message(hs, text_part("plain", text, "windows-1252", "base64", quote_cs=False), crlf=True)
    return raw, label([("register", RT)], ("Ralf-Peter Grützmacher", "Berliner Wasserbetriebe", "ralf-peter.gruetzmacher@bwb.de"),
                      [("Ralf-Peter Grützmacher", "ralf-peter.gruetzmacher@bwb.de"), ("Žaneta Horáková", None)])


@mail("netzwerktag-zu-dritt-name-folgt",
      "Netzwerktag „zu dritt“: one colleague named, the third person to follow (unnamed attendee keeps the head count); organisation name with commas.")
def _():
    s = "022"
    date = date_hdr(2024, 6, 4, 10, 5, 33)
    subject = "AW: " + PROG_SUBJ
    text = """Guten Tag,

zum Netzwerktag am 19. Juni kommen wir zu dritt: ich selbst, mein Kollege Emre Yıldırım und eine Kollegin aus unserer Vergabestelle, deren Namen ich Ihnen bis Ende nächster Woche nachreiche.

Mit freundlichen Grüßen
Carla Bertram

Senatsverwaltung für Umwelt, Mobilität, Verbraucher- und Klimaschutz
Referat ZS C – IT-Steuerung
Am Köllnischen Park 3, 10179 Berlin"""
    qh = ["Von: Heinlein Support <mail@heinlein-support.de> ",
          "Gesendet: Montag, 3. Juni 2024 09:15",
          "An: Bertram, Carla <Carla.Bertram@senumvk.berlin.de>",
          "Betreff: " + PROG_SUBJ]
    frm = addr("Bertram, Carla", "Carla.Bertram@senumvk.berlin.de")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mailout.berlin.de", ip_for(s),
                     in_reply_to="<nt-programm-20240603-0012@heinlein-support.de>",
                     extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "utf-8", qh, programme("Carla Bertram")))
    return raw, label([("register", NT)],
                      ("Carla Bertram", "Senatsverwaltung für Umwelt, Mobilität, Verbraucher- und Klimaschutz", "carla.bertram@senumvk.berlin.de"),
                      [("Carla Bertram", "carla.bertram@senumvk.berlin.de"), ("Emre Yıldırım", None), (None, None)])


@mail("english-network-day-signup",
      "English; the Netzwerktag as „Open Source Network Day“; „keen on the procurement talks“ is interest, not a question; „Role, Company Ltd.“ signature.")
def _():
    s = "023"
    date = date_hdr(2024, 6, 6, 15, 21, 9)
    text = """Hi,

I'd like to sign up for the Open Source Network Day on 19 June at the IHK. I'm particularly keen on the procurement talks.

Thanks and best wishes,
Kwame

--
Kwame Mensah
Solutions Architect, Tidewave Software Ltd.
Berlin office: Rosenthaler Str. 40, 10178 Berlin
"""
    frm = addr("Kwame Mensah", "kwame.mensah@tidewave.dev")
    hs = std_headers(s, frm, "Network Day sign-up", date, mid_simple(s, "tidewave.dev"), "mail.tidewave.dev", ip_for(s),
                     extra=[("User-Agent", "NeoMutt/20231103")])
    raw = message(hs, text_part("plain", text, "us-ascii", "7bit", quote_cs=False))
    return raw, label([("register", NT)], ("Kwame Mensah", "Tidewave Software Ltd.", "kwame.mensah@tidewave.dev"),
                      [("Kwame Mensah", "kwame.mensah@tidewave.dev")])


@mail("nach-frist-noch-moeglich",
      "After the deadline (15 April), phrased as a question („Ist es trotzdem noch möglich …?“), event only as „am Donnerstag“; T-Online webmail, Latin-1 in base64; organisation and place on separate lines.")
def _():
    s = "024"
    date = date_hdr(2024, 4, 15, 19, 3, 51)
    text = """Sehr geehrtes Veranstaltungsteam,

ich habe die Anmeldefrist (12.04.) leider verpasst. Ist es trotzdem noch möglich, dass ich am Donnerstag dabei bin? Ich würde mich sehr freuen.

Mit freundlichen Grüßen
Gerd Pfannenschmidt

Pfannenschmidt IT-Sicherheit
Berlin-Zehlendorf
"""
    frm = "g.pfannenschmidt@t-online.de"
    hs = std_headers(s, frm, ew("Runder Tisch: Anmeldung noch möglich?", "iso-8859-1", "q"), date,
                     f"<{int(hashlib.md5(s.encode()).hexdigest()[:12], 16)}.{h(s, 6, '0123456789')}@ox.t-online.de>",
                     "mailout11.t-online.de", ip_for(s), return_path="g.pfannenschmidt@t-online.de",
                     extra=[("X-Mailer", "Open-Xchange Mailer v7.10.6-Rev61"), ("X-Originating-Client", "open-xchange-appsuite")])
    raw = message(hs, text_part("plain", text, "ISO-8859-1", "base64", quote_cs=False))
    return raw, label([("register", RT)], ("Gerd Pfannenschmidt", "Pfannenschmidt IT-Sicherheit", "g.pfannenschmidt@t-online.de"),
                      [("Gerd Pfannenschmidt", "g.pfannenschmidt@t-online.de")])


@mail("rechnungsadresse-kostenlos",
      "Registration plus an invoice question for a free event; the invoice address block in the text repeats the organisation with a unit and a PO box.")
def _():
    s = "025"
    date = date_hdr(2024, 4, 2, 9, 36, 14)
    subject = "Anmeldung Runder Tisch / Rechnung"
    text = """Sehr geehrte Damen und Herren,

hiermit melde ich mich für den Runden Tisch am 18.04.2024 an.

Eine Frage noch aus unserer Buchhaltung: Wird für die Teilnahme eine Rechnung gestellt? Ich gehe davon aus, dass die Veranstaltung kostenfrei ist – falls nicht, bräuchten wir die Rechnung an folgende Anschrift:

Kranich Logistik GmbH
Kreditorenbuchhaltung
Postfach 21 04 33
12514 Berlin

Mit freundlichen Grüßen
Irina Wolkowa
Teamleiterin Prozessdigitalisierung
Kranich Logistik GmbH
Grünauer Straße 120, 12557 Berlin"""
    frm = addr("Wolkowa, Irina", "irina.wolkowa@kranich-logistik.de")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-fr2deu01on2121.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "utf-8"))
    return raw, label([("register", RT), ("question", RT)],
                      ("Irina Wolkowa", "Kranich Logistik GmbH", "irina.wolkowa@kranich-logistik.de"),
                      [("Irina Wolkowa", "irina.wolkowa@kranich-logistik.de")])


@mail("anmeldung-und-vormerken",
      "Registration for the 18th and „merken Sie mich … vor“ for the Netzwerktag; „Dörfler, Katharina“ as UTF-8 encoded-word, windows-1252 subject and body.")
def _():
    s = "026"
    date = date_hdr(2024, 3, 27, 12, 48, 5)
    subject_t = "Anmeldung 18.04. – Vormerkung Netzwerktag"
    text = """Guten Tag,

hiermit melde ich mich für den Runden Tisch am 18.04. an. Bitte merken Sie mich außerdem für den Open-Source-Netzwerktag im Juni vor.

Vielen Dank und viele Grüße
Katharina Dörfler
Referentin Digitales und Medien

Verbraucherzentrale Berlin e.V.
Hardenbergplatz 2, 10623 Berlin"""
    frm = addr("Dörfler, Katharina", "k.doerfler@verbraucherzentrale-berlin.de")
    sj = ew(subject_t, "windows-1252", "q")
    hs = std_headers(s, frm, sj, date, mid_o365(s), "mail-fr2deu01on2103.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, sj))
    raw = message(hs, outlook_alt(s, text, "windows-1252"))
    return raw, label([("register", RT), ("info_request", NT)],
                      ("Katharina Dörfler", "Verbraucherzentrale Berlin e.V.", "k.doerfler@verbraucherzentrale-berlin.de"),
                      [("Katharina Dörfler", "k.doerfler@verbraucherzentrale-berlin.de")])


@mail("beide-termine-anmelden",
      "„für beide Termine anmelden“ in March: register for both events (anmelden for the Netzwerktag is a registration, not a pre-note); one-line signature with „·“ separators.")
def _():
    s = "027"
    date = date_hdr(2024, 3, 28, 21, 14, 38)
    text = """Moin,

ich möchte mich gern für beide Termine anmelden: den Runden Tisch am
18. April und den Open-Source-Netzwerktag am 19. Juni.

Beste Grüße
Henrik Solberg

-- 
Henrik Solberg · Nordwind IT-Service GmbH · Friedrichstraße 123, 10117 Berlin
"""
    frm = addr("Henrik Solberg", "henrik.solberg@nordwind-it.de")
    hs = std_headers(s, frm, "Anmeldung", date, f"<Zg{h(s, 14, 'abcdefghijklmnopqrstuvwxyz0123456789')}@nordwind-it.de>",
                     "mail.nordwind-it.de", ip_for(s), extra=[("User-Agent", "NeoMutt/20231103")])
    raw = message(hs, text_part("plain", text, "utf-8", "8bit", quote_cs=False))
    return raw, label([("register", RT), ("register", NT)],
                      ("Henrik Solberg", "Nordwind IT-Service GmbH", "henrik.solberg@nordwind-it.de"),
                      [("Henrik Solberg", "henrik.solberg@nordwind-it.de")])


@mail("zusage-zuse",
      "„Zusage“ / „sage … zu“ (contains „sage“, as „absagen“ does) plus „leider“ and „Entschuldigen Sie“: a registration; Latin-1 Outlook.")
def _():
    s = "028"
    date = date_hdr(2024, 4, 11, 16, 20, 3)
    subject = "Zusage Runder Tisch"
    text = """Sehr geehrte Damen und Herren,

für den Runden Tisch am 18. April sage ich hiermit gern zu. Entschuldigen Sie die späte Rückmeldung, mein Kalender stand leider erst gestern fest.

Mit freundlichen Grüßen

Dr. Detlef Brandhorst
Abteilung Digitale Daten und Informationen
Zuse-Institut Berlin
Takustraße 7, 14195 Berlin"""
    frm = addr("Brandhorst, Detlef", "brandhorst@zib.de")
    hs = std_headers(s, frm, subject, date, mid_outlook_desktop(s, "zib.de"), "mail.zib.de", ip_for(s),
                     extra=[("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "de")])
    alt = multipart("alternative", [text_part("plain", text + "\n", "iso-8859-1"),
                                    text_part("html", outlook_html(text.split("\n"), "iso-8859-1"), "iso-8859-1")],
                    bnd_next(s), preamble="This is a multipart message in MIME format.")
    raw = message(hs, alt)
    return raw, label([("register", RT)], ("Dr. Detlef Brandhorst", "Zuse-Institut Berlin", "brandhorst@zib.de"),
                      [("Dr. Detlef Brandhorst", "brandhorst@zib.de")])


@mail("chef-kann-nicht-ich-komme",
      "Answer to the invitation addressed to the boss: „Er selbst kann … leider nicht; an seiner Stelle würde ich gern kommen“ — substitute wording, but nobody was registered: register only, no cancel.")
def _():
    s = "029"
    date = date_hdr(2024, 3, 25, 11, 9, 57)
    subject = "AW: " + INV_SUBJ
    text = """Sehr geehrte Damen und Herren,

vielen Dank für die Einladung an Herrn Dr. Wallraff. Er selbst kann am 18. April leider nicht teilnehmen; an seiner Stelle würde ich gern kommen.

Mit freundlichen Grüßen
Lina Kowalczyk
Referentin Digitalisierung

Handelsverband Berlin-Brandenburg e.V.
Mehringdamm 48, 10961 Berlin"""
    qh = ["Von: Heinlein Support <mail@heinlein-support.de> ",
          "Gesendet: Mittwoch, 20. März 2024 10:00",
          "An: Wallraff, Gernot <g.wallraff@hbb-ev.de>",
          "Betreff: " + INV_SUBJ]
    frm = addr("Kowalczyk, Lina", "l.kowalczyk@hbb-ev.de")
    sj = ew(subject)
    hs = std_headers(s, frm, sj, date, mid_o365(s), "mail-fr2deu01on2160.outbound.protection.outlook.com",
                     ip_for(s), in_reply_to=INV_ID, extra=outlook_mua_headers(s, sj))
    raw = message(hs, outlook_alt(s, text, "utf-8", qh, INVITATION))
    return raw, label([("register", RT)], ("Lina Kowalczyk", "Handelsverband Berlin-Brandenburg e.V.", "l.kowalczyk@hbb-ev.de"),
                      [("Lina Kowalczyk", "l.kowalczyk@hbb-ev.de")])


@mail("teilnehmer-nachname-vorname",
      "Attendees written „Nachname, Vorname (Adresse)“, one without address; „anbei“ with nothing attached; sender signs „i. A.“ and is the first entry; Outlook plain text.")
def _():
    s = "030"
    date = date_hdr(2024, 4, 3, 14, 2, 41)
    text = """Sehr geehrte Damen und Herren,

anbei unsere Anmeldung zum Runden Tisch am 18.04.:

Schubert, Alina (alina.schubert@maerkische-wohnbau.de)
Hoxha, Arben (arben.hoxha@maerkische-wohnbau.de)
Oyelaran, Tobi

Mit freundlichen Grüßen
i. A. Alina Schubert

Märkische Wohnbau AG
Stabsstelle Digitalisierung
Wilhelmstraße 9, 13595 Berlin
"""
    frm = addr("Schubert, Alina", "alina.schubert@maerkische-wohnbau.de")
    hs = std_headers(s, frm, "Anmeldung Runder Tisch", date, mid_outlook_desktop(s, "maerkische-wohnbau.de"),
                     "mail.maerkische-wohnbau.de", ip_for(s),
                     extra=[("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "de")])
    raw = message(hs, text_part("plain", text, "utf-8"))
    return raw, label([("register", RT)], ("Alina Schubert", "Märkische Wohnbau AG", "alina.schubert@maerkische-wohnbau.de"),
                      [("Alina Schubert", "alina.schubert@maerkische-wohnbau.de"),
                       ("Arben Hoxha", "arben.hoxha@maerkische-wohnbau.de"),
                       ("Tobi Oyelaran", None)])


@mail("gerne-nehme-ich-teil-netzwerktag",
      "Swiss „Grüezi / Gerne nehme ich teil“ as an Apple Mail reply to the Netzwerktag programme: the event is only in the subject and the quote, not the default Runder Tisch.")
def _():
    s = "031"
    date = date_hdr(2024, 6, 3, 14, 20, 16)
    text = """Grüezi

Gerne nehme ich teil.

Freundliche Grüsse
Seraina Caduff

Rätia Consulting GmbH
Zweigniederlassung Berlin
Schönhauser Allee 36, 10435 Berlin


> Am 03.06.2024 um 09:15 schrieb Heinlein Support <mail@heinlein-support.de>:
>
""" + gt(programme("Seraina Caduff")) + "\n"
    frm = addr("Seraina Caduff", "seraina.caduff@raetia-consulting.ch")
    hs = std_headers(s, frm, "Re: " + PROG_SUBJ, date, mid_uuid(s, "raetia-consulting.ch", True),
                     "mail.raetia-consulting.ch", ip_for(s), in_reply_to="<nt-programm-20240603-0058@heinlein-support.de>",
                     extra=[("X-Mailer", "Apple Mail (2.3774.500.171.1.1)")])
    raw = message(hs, text_part("plain", text, "utf-8", quote_cs=False))
    return raw, label([("register", NT)], ("Seraina Caduff", "Rätia Consulting GmbH", "seraina.caduff@raetia-consulting.ch"),
                      [("Seraina Caduff", "seraina.caduff@raetia-consulting.ch")])


@mail("weitergeleitet-vom-chef",
      "„WG: WG:“ forward: the boss's internal note („Melden Sie sich gern an“, he is in Munich) and the invitation are quoted; only the sender registers, the boss is no attendee.")
def _():
    s = "032"
    date = date_hdr(2024, 3, 27, 8, 3, 12)
    subject = "WG: WG: " + INV_SUBJ
    text = """Sehr geehrte Damen und Herren,

mein Chef hat mir Ihre Einladung weitergeleitet (siehe unten) – ich komme gern.

Viele Grüße
Maximilian Ortlepp
IT-Leitung
Havelwerk Druck & Medien GmbH
Nonnendammallee 44, 13599 Berlin"""
    qh = ["Von: Dr. Reinhold Bertsch <r.bertsch@havelwerk.de> ",
          "Gesendet: Dienstag, 26. März 2024 18:03",
          "An: Ortlepp, Maximilian <m.ortlepp@havelwerk.de>",
          "Betreff: WG: " + INV_SUBJ]
    ql = ["Hallo Herr Ortlepp,", "",
          "wäre das nicht etwas für Sie? Ich selbst bin an dem Tag in München. Melden Sie sich gern an.", "",
          "Gruß", "R. Bertsch", "",
          "-----Ursprüngliche Nachricht-----",
          "Von: Heinlein Support <mail@heinlein-support.de> ",
          "Gesendet: Mittwoch, 20. März 2024 10:00",
          "An: Bertsch, Reinhold <r.bertsch@havelwerk.de>",
          "Betreff: " + INV_SUBJ, ""] + INVITATION
    frm = addr("Ortlepp, Maximilian", "m.ortlepp@havelwerk.de")
    sj = ew(subject)
    hs = std_headers(s, frm, sj, date, mid_outlook_desktop(s, "havelwerk.de"), "mail.havelwerk.de", ip_for(s),
                     extra=[("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "de")])
    raw = message(hs, outlook_alt(s, text, "utf-8", qh, ql))
    return raw, label([("register", RT)], ("Maximilian Ortlepp", "Havelwerk Druck & Medien GmbH", "m.ortlepp@havelwerk.de"),
                      [("Maximilian Ortlepp", "m.ortlepp@havelwerk.de")])


# ===========================================================================
# info requests
# ===========================================================================

@mail("vormerken-netzwerktag-wien",
      "Austrian „Servus … bitte merken Sie mich … vor“ for the Netzwerktag: pre-note, not a registration; GMX.at, Latin-1 QP; name only at the end.")
def _():
    s = "033"
    date = date_hdr(2024, 4, 2, 18, 11, 23)
    text = """Servus,

bitte merken Sie mich für den Netzwerktag am 19. Juni vor, ich hätte gern nähere Infos, sobald es welche gibt.

Danke und liebe Grüße
Clemens Aigner
"""
    frm = addr("Clemens Aigner", "clemens.aigner@gmx.at")
    hs = std_headers(s, frm, "Netzwerktag 19. Juni", date,
                     f"<trinity-{mid_uuid(s, 'x')[1:37]}-{h(s, 13, '0123456789')}@3c-app-gmx-bap{h(s, 2, '0123456789')}>",
                     "mout.gmx.net", ip_for(s), extra=[("X-Priority", "3"), ("Importance", "normal"),
                                                      ("X-UI-Message-Type", "mail"), ("Sensitivity", "Normal")])
    raw = message(hs, text_part("plain", text, "iso-8859-1", quote_cs=False))
    return raw, label([("info_request", NT)], ("Clemens Aigner", None, "clemens.aigner@gmx.at"), [])


@mail("keep-me-posted-english",
      "English „Please keep me posted … programme once it's out“ about „the Open Source networking day in June“; names the round-table invitation without asking anything about it.")
def _():
    s = "034"
    date = date_hdr(2024, 4, 10, 11, 47, 2)
    text = """Hi,

I saw the note about the Open Source networking day in June in your round table invitation. Please keep me posted – I'd love to receive the programme once it's out.

Best,
Siri Halvorsen
Partnerships Lead, Fjordline Digital AS
Berlin | Oslo"""
    alt = multipart("alternative", [text_part("plain", text + "\n", "UTF-8", quote_cs=False),
                                    text_part("html", gmail_html(text.split("\n")), "UTF-8", quote_cs=False)],
                    bnd_gmail(s))
    frm = addr("Siri Halvorsen", "siri.halvorsen@fjordline.no")
    hs = std_headers(s, frm, "Networking day in June", date, mid_gmail(s), "mail-lf1-f41.google.com", ip_for(s))
    raw = message(hs, alt)
    return raw, label([("info_request", NT)], ("Siri Halvorsen", "Fjordline Digital AS", "siri.halvorsen@fjordline.no"), [])


@mail("anderweitig-gebunden-unterlagen",
      "Answer to the invitation: „leider anderweitig gebunden“ (no registration, so no cancel) and a wish for the results afterwards = info_request for the Runder Tisch; Latin-1 Outlook.")
def _():
    s = "035"
    date = date_hdr(2024, 3, 21, 15, 26, 40)
    subject = "AW: " + INV_SUBJ
    text = """Sehr geehrte Damen und Herren,

haben Sie vielen Dank für die Einladung. Am 18. April bin ich leider anderweitig gebunden. Ich wäre Ihnen aber dankbar, wenn Sie mir nach der Veranstaltung eine kurze Zusammenfassung oder die Präsentationen zusenden könnten.

Mit freundlichen Grüßen

Dr. Friedemann Quast
Geschäftsführer
Institut für Verwaltungsinformatik e.V.
Potsdamer Straße 188, 10783 Berlin"""
    frm = addr("Dr. Friedemann Quast", "quast@verwaltungsinformatik-ev.de")
    sj = ew(subject)
    hs = std_headers(s, frm, sj, date, mid_outlook_desktop(s, "verwaltungsinformatik-ev.de"),
                     "mail.verwaltungsinformatik-ev.de", ip_for(s), in_reply_to=INV_ID,
                     extra=[("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "de")])
    alt = multipart("alternative", [text_part("plain", text + "\n", "iso-8859-1"),
                                    text_part("html", outlook_html(text.split("\n"), "iso-8859-1"), "iso-8859-1")],
                    bnd_next(s), preamble="This is a multipart message in MIME format.")
    raw = message(hs, alt)
    return raw, label([("info_request", RT)], ("Dr. Friedemann Quast", "Institut für Verwaltungsinformatik e.V.", "quast@verwaltungsinformatik-ev.de"), [])


@mail("infoverteiler-19-6",
      "Netzwerktag named only as „Ihrer Veranstaltung am 19.6. in der IHK“; „in den Verteiler aufnehmen“ = info_request; Latin-1 Outlook; unit line after the organisation.")
def _():
    s = "036"
    date = date_hdr(2024, 5, 15, 9, 18, 57)
    subject = "Verteiler 19.06."
    text = """Guten Tag,

ein Kollege hat mir von Ihrer Veranstaltung am 19.6. in der IHK erzählt. Bitte nehmen Sie mich in den Verteiler dafür auf.

Danke und Gruß
Marlies Obermüller

Kulturprojekte Berlin GmbH
Digitale Vermittlung
Klosterstraße 68, 10179 Berlin"""
    frm = addr("Obermüller, Marlies", "m.obermueller@kulturprojekte.berlin", "iso-8859-1", "q")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-fr2deu01on2118.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "iso-8859-1"))
    return raw, label([("info_request", NT)], ("Marlies Obermüller", "Kulturprojekte Berlin GmbH", "m.obermueller@kulturprojekte.berlin"), [])


@mail("programm-schicken-keine-anmeldung",
      "„schicken Sie es mir bitte“ plus the explicit negation „Eine Anmeldung ist das ausdrücklich noch nicht“; organisation only after the „-- “ separator, name before it.")
def _():
    s = "037"
    date = date_hdr(2024, 4, 22, 14, 9, 6)
    text = """Sehr geehrte Damen und Herren,

sobald das Programm für den Netzwerktag am 19. Juni feststeht, schicken Sie es
mir bitte zu. Eine Anmeldung ist das ausdrücklich noch nicht – ich muss erst
klären, ob ich für den Tag freigestellt werde.

Mit freundlichen Grüßen
Yusuf Erdem

-- 
Landesbetrieb Forst Brandenburg
Servicebereich IT
Heinrich-Mann-Allee 103, 14473 Potsdam
"""
    frm = addr("Yusuf Erdem", "yusuf.erdem@lfb.brandenburg.de")
    hs = std_headers(s, frm, "Programm Netzwerktag", date, mid_uuid(s, "lfb.brandenburg.de"),
                     "mailgw.brandenburg.de", ip_for(s),
                     extra=[("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "de-DE")])
    raw = message(hs, text_part("plain", text, "UTF-8", "8bit"))
    return raw, label([("info_request", NT)], ("Yusuf Erdem", "Landesbetrieb Forst Brandenburg", "yusuf.erdem@lfb.brandenburg.de"), [])


@mail("nur-betreff-vormerken",
      "Bare address, no display name, empty body: the request („bitte vormerken“ for the Netzwerktag) is only in the subject; name null.")
def _():
    s = "038"
    date = date_hdr(2024, 4, 12, 22, 40, 15)
    frm = "t.wunderlich@posteo.net"
    hs = std_headers(s, frm, "Netzwerktag im Juni bitte vormerken", date, mid_uuid(s, "posteo.net"),
                     "mout01.posteo.de", ip_for(s), extra=[("User-Agent", "K-9 Mail for Android")])
    raw = message(hs, text_part("plain", "\n", "us-ascii", "7bit", quote_cs=False))
    return raw, label([("info_request", NT)], (None, None, "t.wunderlich@posteo.net"), [])


# ===========================================================================
# cancellations
# ===========================================================================

@mail("muss-leider-passen",
      "„Ich muss leider passen“ as a Thunderbird reply to the confirmation (no „absagen“); the quote says „nicht teilnehmen“; no organisation in this mail.")
def _():
    s = "039"
    date = date_hdr(2024, 4, 9, 7, 33, 49)
    text = """Guten Tag

Ich muss leider passen – am 18. April kollidiert der Termin mit einer 
Verwaltungsratssitzung in Zürich. Bitte geben Sie meinen Platz weiter.

Freundliche Grüsse
Reto Ammann

Am 22.03.24 um 08:06 schrieb Heinlein Support:
""" + gt(confirmation("Reto Ammann")) + "\n"
    frm = addr("Reto Ammann", "reto.ammann@limmatwerk.ch")
    hs = std_headers(s, frm, ew("Re: " + CONF_SUBJ, "UTF-8", "q"), date, mid_uuid(s, "limmatwerk.ch"),
                     "mail.limmatwerk.ch", ip_for(s), in_reply_to="<confirm-20240322-0014@heinlein-support.de>",
                     extra=[("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "de-CH")])
    raw = message(hs, text_part("plain", text, "UTF-8", "8bit", params="; format=flowed"))
    return raw, label([("cancel", RT)], ("Reto Ammann", None, "reto.ammann@limmatwerk.ch"), [])


@mail("schaffe-es-heute-doch-nicht",
      "Same-day „Schaffe es heute doch nicht“ from an iPhone above the quoted reminder; no „absagen“; signed with an initial.")
def _():
    s = "040"
    date = date_hdr(2024, 4, 18, 8, 12, 33)
    text = """Schaffe es heute doch nicht, mein Kind ist krank. Sorry! Gruß K.

Von meinem iPhone gesendet

> Am 16.04.2024 um 08:00 schrieb Heinlein Support <mail@heinlein-support.de>:
>
""" + gt(reminder("Konstanze Vetter")) + "\n"
    frm = addr("Konstanze Vetter", "konstanze.vetter@posteo.de")
    hs = std_headers(s, frm, ew("Re: " + REM_SUBJ, "utf-8", "q"), date, mid_uuid(s, "posteo.de", True),
                     "mout02.posteo.de", ip_for(s), in_reply_to="<reminder-20240416-0007@heinlein-support.de>",
                     extra=[("X-Mailer", "iPhone Mail (21E236)")])
    raw = message(hs, text_part("plain", text, "utf-8", quote_cs=False))
    return raw, label([("cancel", RT)], ("Konstanze Vetter", None, "konstanze.vetter@posteo.de"), [])


@mail("please-remove-me",
      "English „Please remove me from the attendee list“: „remove me“ is a cancellation, not a deletion request.")
def _():
    s = "041"
    date = date_hdr(2024, 4, 15, 17, 2, 58)
    text = """Dear organisers,

unfortunately something came up at the institute. Please remove me from the attendee list for Thursday's round table – and thank you for organising it.

Best regards
Elena Marchetti

Dr. Elena Marchetti
Senior Researcher
Fraunhofer FOKUS
"""
    frm = addr("Elena Marchetti", "elena.marchetti@fokus.fraunhofer.de")
    hs = std_headers(s, frm, "Round table on Thursday", date, mid_uuid(s, "fokus.fraunhofer.de", True),
                     "mail.fokus.fraunhofer.de", ip_for(s), extra=[("X-Mailer", "Apple Mail (2.3774.400.31)")])
    raw = message(hs, text_part("plain", text, "utf-8", quote_cs=False))
    return raw, label([("cancel", RT)], ("Dr. Elena Marchetti", "Fraunhofer FOKUS", "elena.marchetti@fokus.fraunhofer.de"), [])


@mail("frau-uebernimmt-platz",
      "„Frau Rieke Jessen übernimmt meinen Platz“ (substitute, in Cc): cancel + register, attendees only the substitute with her address.")
def _():
    s = "042"
    date = date_hdr(2024, 4, 12, 12, 0, 31)
    text = """Hallo,

ich bin am 18. April leider verhindert. Frau Rieke Jessen übernimmt meinen 
Platz (rieke.jessen@energieagentur-spree.de, in Kopie).

Viele Grüße
Wiebke Thorsen

-- 
Wiebke Thorsen
Projektleiterin Smart City
Energieagentur Spree GmbH
Schützenstraße 6a, 10117 Berlin

Am 04.04.24 um 16:41 schrieb Heinlein Support:
""" + gt(confirmation("Wiebke Thorsen")) + "\n"
    frm = addr("Wiebke Thorsen", "wiebke.thorsen@energieagentur-spree.de")
    hs = std_headers(s, frm, ew("Re: " + CONF_SUBJ, "UTF-8", "q"), date, mid_uuid(s, "energieagentur-spree.de"),
                     "mx.energieagentur-spree.de", ip_for(s), cc=addr("Rieke Jessen", "rieke.jessen@energieagentur-spree.de"),
                     in_reply_to="<confirm-20240404-0077@heinlein-support.de>",
                     extra=[("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "de-DE")])
    raw = message(hs, text_part("plain", text, "UTF-8", "8bit", params="; format=flowed"))
    return raw, label([("cancel", RT), ("register", RT)],
                      ("Wiebke Thorsen", "Energieagentur Spree GmbH", "wiebke.thorsen@energieagentur-spree.de"),
                      [("Rieke Jessen", "rieke.jessen@energieagentur-spree.de")])


@mail("absage-rt-anmeldung-netzwerktag",
      "Withdraws the Runder Tisch registration and registers for the Netzwerktag in the same mail (two events, two intents).")
def _():
    s = "043"
    date = date_hdr(2024, 4, 10, 15, 45, 12)
    subject = "Absage 18.04. / Anmeldung Netzwerktag"
    text = """Sehr geehrte Damen und Herren,

leider muss ich meine Anmeldung für den Runden Tisch am 18. April zurückziehen – wir haben an dem Tag eine Systemumstellung.

Für den Open-Source-Netzwerktag am 19. Juni möchte ich mich dafür gern schon jetzt verbindlich anmelden.

Mit freundlichen Grüßen
Irina Wolkowa
Kranich Logistik GmbH"""
    frm = addr("Wolkowa, Irina", "irina.wolkowa@kranich-logistik.de")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-fr2deu01on2121.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "utf-8"))
    return raw, label([("cancel", RT), ("register", NT)],
                      ("Irina Wolkowa", "Kranich Logistik GmbH", "irina.wolkowa@kranich-logistik.de"),
                      [("Irina Wolkowa", "irina.wolkowa@kranich-logistik.de")])


@mail("netzwerktag-storno-dritte-person",
      "Netzwerktag: cancels her own place, names the promised third person with address (register), and mentions a colleague who stays registered (no attendee).")
def _():
    s = "044"
    date = date_hdr(2024, 6, 14, 10, 31, 8)
    subject = "Netzwerktag 19.06. – Änderung unserer Anmeldung"
    text = """Guten Tag,

meine eigene Anmeldung für den Netzwerktag muss ich leider stornieren, ich bin an dem Tag kurzfristig in einer Ausschusssitzung. Herr Yıldırım kommt wie geplant. Für unsere Vergabestelle melde ich Ihnen wie angekündigt Frau Dr. Ute Brakelmann (ute.brakelmann@senumvk.berlin.de) an.

Mit freundlichen Grüßen
Carla Bertram

Senatsverwaltung für Umwelt, Mobilität, Verbraucher- und Klimaschutz
Referat ZS C – IT-Steuerung
Am Köllnischen Park 3, 10179 Berlin"""
    frm = addr("Bertram, Carla", "Carla.Bertram@senumvk.berlin.de")
    sj = ew(subject)
    hs = std_headers(s, frm, sj, date, mid_o365(s), "mailout.berlin.de", ip_for(s), extra=outlook_mua_headers(s, sj))
    raw = message(hs, outlook_alt(s, text, "utf-8"))
    return raw, label([("cancel", NT), ("register", NT)],
                      ("Carla Bertram", "Senatsverwaltung für Umwelt, Mobilität, Verbraucher- und Klimaschutz", "carla.bertram@senumvk.berlin.de"),
                      [("Dr. Ute Brakelmann", "ute.brakelmann@senumvk.berlin.de")])


@mail("einladung-nur-absage",
      "Reply to the invitation that does nothing but decline („Leider muss ich absagen … Eine Anmeldung ist mir daher nicht möglich“): cancel by README convention; Samsung, UTF-8 base64.")
def _():
    s = "045"
    date = date_hdr(2024, 3, 21, 19, 55, 4)
    text = """Sehr geehrte Damen und Herren,

herzlichen Dank für die Einladung. Leider muss ich absagen, da ich an diesem Tag im Urlaub bin. Eine Anmeldung ist mir daher nicht möglich.

Viele Grüße
Bärbel Krone
Berliner Mittelstandsverbund e.V.



Gesendet von meinem Galaxy
"""
    frm = addr("Bärbel Krone", "baerbel.krone@mittelstandsverbund-berlin.de")
    hs = std_headers(s, frm, ew("AW: " + INV_SUBJ), date, f"<{hexs(s, 24)}.{h(s, 6, '0123456789')}@email.android.com>",
                     "mail.mittelstandsverbund-berlin.de", ip_for(s), in_reply_to=INV_ID)
    raw = message(hs, text_part("plain", text, "UTF-8", "base64", quote_cs=False))
    return raw, label([("cancel", RT)], ("Bärbel Krone", "Berliner Mittelstandsverbund e.V.", "baerbel.krone@mittelstandsverbund-berlin.de"), [])


@mail("network-day-cant-make-it",
      "English Netzwerktag cancellation („won't be able to make it on Wednesday after all“) as a Mutt reply to the Netzwerktag confirmation; no signature, organisation null.")
def _():
    s = "046"
    date = date_hdr(2024, 6, 17, 18, 4, 21)
    text = """Hi,

sorry - I won't be able to make it on Wednesday after all. Please give my
spot to someone else.

Best,
Kwame

On Thu, Jun 06, 2024 at 15:23:02 +0200, Heinlein Support wrote:
""" + gt(nt_confirmation("Kwame Mensah")) + "\n"
    frm = addr("Kwame Mensah", "kwame.mensah@tidewave.dev")
    hs = std_headers(s, frm, ew("Re: " + NT_CONF_SUBJ, "utf-8", "q"), date, mid_simple(s, "tidewave.dev"),
                     "mail.tidewave.dev", ip_for(s), in_reply_to="<confirm-20240606-0112@heinlein-support.de>",
                     extra=[("User-Agent", "NeoMutt/20231103")])
    raw = message(hs, text_part("plain", text, "utf-8", "8bit", quote_cs=False))
    return raw, label([("cancel", NT)], ("Kwame Mensah", None, "kwame.mensah@tidewave.dev"), [])


# ===========================================================================
# deletion requests
# ===========================================================================

@mail("verteiler-daten-loeschen",
      "Subject „Abmeldung Verteiler“ (looks like a cancellation) — the text asks for deletion of the contact data; signed „E. Rosenau“, first name only in From.")
def _():
    s = "047"
    date = date_hdr(2024, 4, 23, 8, 50, 37)
    text = """Guten Tag,

bitte löschen Sie meine Kontaktdaten aus Ihrem Verteiler und schicken Sie mir keine Einladungen mehr.

E. Rosenau
"""
    frm = addr("Eckhard Rosenau", "e.rosenau@arcor.de")
    hs = std_headers(s, frm, "Abmeldung Verteiler", date, f"<{h(s, 10, '0123456789')}.{h(s + 'r', 6, '0123456789')}.{hexs(s, 8)}@mail.vodafone.de>",
                     "mr4.vodafonemail.de", ip_for(s), extra=[("X-Mailer", "Vodafone Webmail")])
    raw = message(hs, text_part("plain", text, "UTF-8", quote_cs=False))
    return raw, label([("delete_request", None)], ("Eckhard Rosenau", None, "e.rosenau@arcor.de"), [])


@mail("gdpr-erasure-english",
      "English Art. 17 GDPR erasure request naming no event; mentions „registration“ among the data to erase.")
def _():
    s = "048"
    date = date_hdr(2024, 5, 2, 10, 12, 45)
    text = """Hello,

under Article 17 GDPR I request the erasure of all personal data you hold
about me (name, e-mail address, any registration or mailing list entries)
and a short confirmation once this has been done.

Regards,
Astrid Nyberg
"""
    frm = addr("Astrid Nyberg", "astrid.nyberg@protonmail.com")
    hs = std_headers(s, frm, "Erasure request (Art. 17 GDPR)", date,
                     f"<{h(s, 43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}=@protonmail.com>",
                     "mail-40134.protonmail.ch", ip_for(s))
    raw = message(hs, text_part("plain", text, "us-ascii", "7bit", quote_cs=False))
    return raw, label([("delete_request", None)], ("Astrid Nyberg", None, "astrid.nyberg@protonmail.com"), [])


@mail("betriebsrat-loeschung",
      "Works council writes from its functional mailbox on behalf of an employee who took part in the Runder Tisch: delete_request (event named), the employee is no attendee; windows-1252 Outlook.")
def _():
    s = "049"
    date = date_hdr(2024, 4, 26, 11, 3, 27)
    subject = "Löschung personenbezogener Daten – Frau Acar"
    text = """Sehr geehrte Damen und Herren,

im Auftrag unserer Kollegin Frau Derya Acar, die am 18. April am Runden Tisch „Open Source in Berlin“ teilgenommen hat, bitten wir Sie, ihre im Zusammenhang mit der Anmeldung gespeicherten personenbezogenen Daten zu löschen und uns die Löschung kurz zu bestätigen.

Mit freundlichen Grüßen
Holger Mannsfeld
Vorsitzender des Betriebsrats

Betriebsrat
Spreetal Stadtwerke GmbH
An der Wuhlheide 3, 12459 Berlin"""
    frm = addr("Betriebsrat Spreetal Stadtwerke", "betriebsrat@spreetal-stadtwerke.de")
    sj = ew(subject, "windows-1252", "q")
    hs = std_headers(s, frm, sj, date, mid_o365(s), "mail-fr2deu01on2088.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, sj))
    raw = message(hs, outlook_alt(s, text, "windows-1252", preamble="This is a multi-part message in MIME format."))
    return raw, label([("delete_request", RT)], ("Holger Mannsfeld", "Spreetal Stadtwerke GmbH", "betriebsrat@spreetal-stadtwerke.de"), [])


@mail("vormerkliste-austragen",
      "„von der Vormerkliste … austragen und … Daten löschen“ for the Netzwerktag: delete_request with event, not cancel; Latin-1 QP.")
def _():
    s = "050"
    date = date_hdr(2024, 5, 21, 20, 7, 14)
    text = """Hallo,

ich hatte mich im April für den Netzwerktag vormerken lassen. Bitte tragen Sie mich von dieser Liste wieder aus und löschen Sie meine Daten, ich habe inzwischen den Arbeitgeber gewechselt.

Danke und Grüße
Clemens Aigner
"""
    frm = addr("Clemens Aigner", "clemens.aigner@gmx.at")
    hs = std_headers(s, frm, "Vormerkliste Netzwerktag", date,
                     f"<trinity-{mid_uuid(s, 'x')[1:37]}-{h(s, 13, '0123456789')}@3c-app-gmx-bap{h(s, 2, '0123456789')}>",
                     "mout.gmx.net", ip_for(s), extra=[("X-Priority", "3"), ("Importance", "normal"),
                                                      ("X-UI-Message-Type", "mail"), ("Sensitivity", "Normal")])
    raw = message(hs, text_part("plain", text, "iso-8859-1", quote_cs=False))
    return raw, label([("delete_request", NT)], ("Clemens Aigner", None, "clemens.aigner@gmx.at"), [])


# ===========================================================================
# questions
# ===========================================================================

@mail("fotos-nicht-abgebildet",
      "Already registered; asks whether photos are published and that she not be shown: a question, not a deletion request or cancellation.")
def _():
    s = "051"
    date = date_hdr(2024, 4, 10, 13, 27, 50)
    subject = "Fotos beim Runden Tisch"
    text = """Guten Tag,

ich bin für den Runden Tisch am 18. April angemeldet. Werden bei der Veranstaltung Fotos gemacht, die später veröffentlicht werden? Falls ja, möchte ich bitte nicht abgebildet werden – können Sie das berücksichtigen?

Viele Grüße
Gudrun Möllenkamp
Deutsche Rentenversicherung Berlin-Brandenburg"""
    frm = addr("Möllenkamp, Gudrun", "Gudrun.Moellenkamp@drv-berlin-brandenburg.de")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-fr2deu01on2134.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "utf-8"))
    return raw, label([("question", RT)],
                      ("Gudrun Möllenkamp", "Deutsche Rentenversicherung Berlin-Brandenburg", "gudrun.moellenkamp@drv-berlin-brandenburg.de"), [])


@mail("blindenfuehrhund",
      "Registered participant asks whether a guide dog is allowed and for an escort from the entrance; „angemeldet“ states an existing registration.")
def _():
    s = "052"
    date = date_hdr(2024, 4, 11, 9, 41, 22)
    text = """Sehr geehrte Damen und Herren,

ich habe mich letzte Woche für den Runden Tisch am 18. April angemeldet. Da ich blind bin, komme ich mit meinem Blindenführhund. Ist das in den Räumen der IHK möglich? Und könnte mich jemand am Eingang des Ludwig Erhard Hauses abholen und zum Seminarraum begleiten?

Mit freundlichen Grüßen
Mirko Oppermann
Referent für digitale Barrierefreiheit
Allgemeiner Blinden- und Sehbehindertenverein Berlin
Auerbachstraße 7, 14193 Berlin
"""
    frm = addr("Mirko Oppermann", "m.oppermann@absv.de")
    hs = std_headers(s, frm, ew("Frage zur Teilnahme mit Blindenführhund", "UTF-8", "q"), date, mid_uuid(s, "absv.de"),
                     "mail.absv.de", ip_for(s), extra=[("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "de-DE")])
    raw = message(hs, text_part("plain", text, "UTF-8", quote_cs=False))
    return raw, label([("question", RT)], ("Mirko Oppermann", "Allgemeiner Blinden- und Sehbehindertenverein Berlin", "m.oppermann@absv.de"), [])


@mail("wlan-live-demo-netzwerktag",
      "Netzwerktag Wi-Fi question from someone already registered („für den ich angemeldet bin“); the live demo is a reason, not a showcase application.")
def _():
    s = "053"
    date = date_hdr(2024, 6, 10, 12, 16, 9)
    text = """Moin,

kurze Frage zum Netzwerktag am 19. Juni, für den ich angemeldet bin: Gibt es
vor Ort WLAN für Teilnehmende? Ich würde in einer Pause gern jemandem eine
kleine Live-Demo zeigen und möchte nicht vom Handy-Hotspot abhängen.

Beste Grüße
Henrik Solberg

-- 
Henrik Solberg · Nordwind IT-Service GmbH · Friedrichstraße 123, 10117 Berlin
"""
    frm = addr("Henrik Solberg", "henrik.solberg@nordwind-it.de")
    hs = std_headers(s, frm, "Netzwerktag: WLAN?", date, f"<Zm{h(s, 14, 'abcdefghijklmnopqrstuvwxyz0123456789')}@nordwind-it.de>",
                     "mail.nordwind-it.de", ip_for(s), extra=[("User-Agent", "NeoMutt/20231103")])
    raw = message(hs, text_part("plain", text, "utf-8", "8bit", quote_cs=False))
    return raw, label([("question", NT)], ("Henrik Solberg", "Nordwind IT-Service GmbH", "henrik.solberg@nordwind-it.de"), [])


@mail("recorded-english",
      "English: will the round table be recorded or streamed; travel is conditional — neither a registration nor an info wish.")
def _():
    s = "054"
    date = date_hdr(2024, 4, 8, 16, 55, 30)
    text = """Dear Heinlein team,

will the round table on 18 April be recorded or streamed? I'm based in Hamburg and would only travel to Berlin if there is no way to follow the discussion remotely.

Kind regards,
Dr. Amara Okafor
Research Lead
Hanseatic Open Data Institute
Hamburg"""
    alt = multipart("alternative", [text_part("plain", text + "\n", "UTF-8", quote_cs=False),
                                    text_part("html", gmail_html(text.split("\n")), "UTF-8", quote_cs=False)],
                    bnd_gmail(s))
    frm = addr("Amara Okafor", "amara.okafor@hanseatic-odi.org")
    hs = std_headers(s, frm, ew("Round table 18 April – recording?"), date, mid_gmail(s), "mail-pj1-f47.google.com", ip_for(s))
    raw = message(hs, alt)
    return raw, label([("question", RT)], ("Dr. Amara Okafor", "Hanseatic Open Data Institute", "amara.okafor@hanseatic-odi.org"), [])


@mail("teilnahmebescheinigung",
      "Registered participant must know now whether certificates of attendance are issued (HR approves the trip only then); mentions „keine Teilnahmegebühr“ and „angemeldet“: a question, not an info wish.")
def _():
    s = "055"
    date = date_hdr(2024, 4, 12, 10, 44, 3)
    subject = "Teilnahmebescheinigung Runder Tisch"
    text = """Guten Tag,

ich bin für den Runden Tisch am 18. April angemeldet. Stellen Sie Teilnahmebescheinigungen aus? Unsere Personalabteilung genehmigt die Dienstreise nur, wenn die Veranstaltung als Fortbildung nachgewiesen werden kann – auch wenn keine Teilnahmegebühr anfällt. Eine kurze Rückmeldung bis Anfang nächster Woche wäre sehr hilfreich.

Mit freundlichen Grüßen
Nico Brennecke
Sachgebiet IT-Grundsatz
Unfallkasse Berlin
Culemeyerstraße 2, 12277 Berlin"""
    frm = addr("Brennecke, Nico", "nico.brennecke@unfallkasse-berlin.de")
    hs = std_headers(s, frm, subject, date, mid_o365(s), "mail-fr2deu01on2149.outbound.protection.outlook.com",
                     ip_for(s), extra=outlook_mua_headers(s, subject))
    raw = message(hs, outlook_alt(s, text, "utf-8"))
    return raw, label([("question", RT)], ("Nico Brennecke", "Unfallkasse Berlin", "nico.brennecke@unfallkasse-berlin.de"), [])


@mail("beratung-ohne-event",
      "Consulting enquiry that found the address in an invitation: a question with no event („Einladung“, „Kosten“, „Open-Source“ but nothing about either event).")
def _():
    s = "056"
    date = date_hdr(2024, 5, 6, 9, 2, 55)
    text = """Guten Tag,

ich habe Ihre Adresse aus der Einladung eines Geschäftspartners. Wir sind eine kleine Steuerkanzlei mit acht Arbeitsplätzen und überlegen, von Microsoft 365 auf eine Open-Source-Lösung für E-Mail und Kalender umzusteigen. Bieten Sie dafür Beratung an, und mit welchen Kosten müssten wir rechnen?

Mit freundlichen Grüßen
Robert Kaltenbach
Steuerberater

Kaltenbach Steuerberatung
Kantstraße 41, 10625 Berlin
"""
    frm = addr("Robert Kaltenbach", "kanzlei@kaltenbach-steuer.de")
    hs = std_headers(s, frm, "Anfrage Umstieg auf Open Source", date, mid_uuid(s, "kaltenbach-steuer.de"),
                     "smtp.ionos.de", ip_for(s), extra=[("User-Agent", "Mozilla Thunderbird")])
    raw = message(hs, text_part("plain", text, "UTF-8", quote_cs=False))
    return raw, label([("question", None)], ("Robert Kaltenbach", "Kaltenbach Steuerberatung", "kanzlei@kaltenbach-steuer.de"), [])


# ===========================================================================
# automatic replies
# ===========================================================================

@mail("urlaub-ohne-header",
      "Out-of-office („Ich befinde mich … im Urlaub“) sent by an Outlook rule: „Re:“ subject of the confirmation, In-Reply-To, no Auto-Submitted/X-Auto-Response-Suppress/Precedence; a secretariat address in the text.")
def _():
    s = "057"
    date = date_hdr(2024, 3, 27, 9, 1, 4)
    subject = "RE: " + CONF_SUBJ
    text = """Guten Tag,

ich befinde mich bis einschließlich 5. April im Urlaub. Ihre E-Mail wird nicht weitergeleitet und nach meiner Rückkehr bearbeitet. In dringenden Fällen wenden Sie sich bitte an sekretariat@spreeufer-eg.de.

Mit freundlichen Grüßen
Dominik Kessler
Genossenschaft Spreeufer eG"""
    frm = addr("Kessler, Dominik", "Dominik.Kessler@spreeufer-eg.de")
    sj = ew(subject)
    hs = std_headers(s, frm, sj, date, mid_o365(s), "mail-fr2deu01on2099.outbound.protection.outlook.com",
                     ip_for(s), in_reply_to="<confirm-20240327-0031@heinlein-support.de>",
                     extra=outlook_mua_headers(s, sj))
    raw = message(hs, outlook_alt(s, text, "windows-1252"))
    return raw, label([("auto_reply", None)])


@mail("elternzeit-ohne-header",
      "Parental-leave notice („in Elternzeit … ab dem 2. Dezember wieder für Sie da“) without any automation header; subject „Elternzeit: Programm und Anmeldung: …“; names a colleague with address.")
def _():
    s = "058"
    date = date_hdr(2024, 6, 3, 9, 16, 2)
    text = """Liebe Absenderin, lieber Absender,

ich bin seit dem 1. Mai in Elternzeit und ab dem 2. Dezember 2024 wieder für Sie da. Ihre Nachricht wird nicht weitergeleitet. In allen Fragen rund um digitale Verbraucherthemen wenden Sie sich bitte an meinen Kollegen Ansgar Wiebe (a.wiebe@verbraucherzentrale-berlin.de).

Herzliche Grüße
Katharina Dörfler
"""
    frm = addr("Dörfler, Katharina", "k.doerfler@verbraucherzentrale-berlin.de")
    hs = std_headers(s, frm, ew("Elternzeit: " + PROG_SUBJ, "utf-8", "q"), date,
                     mid_simple(s, "verbraucherzentrale-berlin.de"), "mail.verbraucherzentrale-berlin.de", ip_for(s),
                     in_reply_to="<nt-programm-20240603-0021@heinlein-support.de>")
    raw = message(hs, text_part("plain", text, "utf-8", quote_cs=False))
    return raw, label([("auto_reply", None)])


@mail("ab-wieder-erreichbar",
      "Two-sentence notice „Vielen Dank für Ihre Nachricht. Ich bin ab dem 22.04.2024 wieder erreichbar.“ as „Re: Erinnerung …“, no automation headers: reads like he will miss the event, but it is automatic (no cancel).")
def _():
    s = "059"
    date = date_hdr(2024, 4, 16, 8, 0, 47)
    text = """Vielen Dank für Ihre Nachricht. Ich bin ab dem 22.04.2024 wieder erreichbar.

Beste Grüße
Torsten Weidemann
Weidemann Webdesign
"""
    frm = addr("Torsten Weidemann", "kontakt@weidemann-webdesign.de")
    hs = std_headers(s, frm, ew("Re: " + REM_SUBJ, "utf-8", "q"), date, mid_simple(s, "weidemann-webdesign.de"),
                     "smtp.udag.de", ip_for(s), in_reply_to="<reminder-20240416-0019@heinlein-support.de>")
    raw = message(hs, text_part("plain", text, "utf-8", quote_cs=False))
    return raw, label([("auto_reply", None)])


@mail("ooo-english-auto-submitted",
      "Google Workspace vacation responder in English with Auto-Submitted: auto-replied; „travelling until 19 April“ covers the event day.")
def _():
    s = "060"
    date = date_hdr(2024, 4, 16, 8, 1, 13)
    text = """Hi,

thanks for your email. I'm travelling until 19 April with patchy access to email. For anything urgent please reach out to hello@brightloop.io.

Oliver"""
    alt = multipart("alternative", [text_part("plain", text + "\n", "UTF-8", quote_cs=False),
                                    text_part("html", gmail_html(text.split("\n")), "UTF-8", quote_cs=False)],
                    bnd_gmail(s))
    frm = addr("Oliver Pennington", "oliver@brightloop.io")
    hs = std_headers(s, frm, "Out of office until 19 April", date, mid_gmail(s), "mail-wr1-f54.google.com", ip_for(s),
                     return_path="", in_reply_to="<reminder-20240416-0011@heinlein-support.de>",
                     extra=[("Auto-Submitted", "auto-replied")])
    raw = message(hs, alt)
    return raw, label([("auto_reply", None)])


@mail("automatische-antwort-outlook",
      "Exchange „Automatische Antwort:“ to the Netzwerktag programme with X-Auto-Response-Suppress: All and Auto-Submitted; training course instead of „nicht im Büro“; functional address in the text.")
def _():
    s = "061"
    date = date_hdr(2024, 6, 3, 9, 15, 41)
    subject = "Automatische Antwort: " + PROG_SUBJ
    text = """Sehr geehrte Damen und Herren,

ich bin am 3. und 4. Juni ganztägig in einer Schulung und lese meine E-Mails erst ab dem 5. Juni wieder. In dringenden Fällen erreichen Sie die IT-Architektur unter it-architektur@ibb.de.

Mit freundlichen Grüßen
Björn Jürgens"""
    frm = addr("Jürgens, Björn", "Bjoern.Juergens@ibb.de", "iso-8859-1", "q")
    sj = ew(subject)
    hs = std_headers(s, frm, sj, date, mid_o365(s), "mail-fr2deu01on2145.outbound.protection.outlook.com",
                     ip_for(s), return_path="", in_reply_to="<nt-programm-20240603-0047@heinlein-support.de>",
                     extra=outlook_mua_headers(s, sj) + [("Auto-Submitted", "auto-generated"),
                                                          ("X-Auto-Response-Suppress", "All"),
                                                          ("X-MS-Exchange-Inbox-Rules-Loop", "Bjoern.Juergens@ibb.de")])
    raw = message(hs, outlook_alt(s, text, "utf-8"))
    return raw, label([("auto_reply", None)])


@mail("otrs-ticket",
      "OTRS acknowledgement from the functional mailbox that registered in 018: Ticket number in the subject, Precedence: bulk and X-Powered-By but no Auto-Submitted; the subject carries the whole confirmation subject.")
def _():
    s = "062"
    date = date_hdr(2024, 4, 10, 9, 2, 11)
    subject = "[Ticket#2024041010000093] Eingangsbestätigung: " + CONF_SUBJ
    text = """Sehr geehrte Damen und Herren,

Ihre Nachricht ist bei der IT-Koordination des Landesdenkmalamts eingegangen
und wurde unter der Ticketnummer 2024041010000093 erfasst. Die Bearbeitung
erfolgt in der Reihenfolge des Eingangs.

Bitte antworten Sie nicht auf diese automatisch erzeugte Nachricht. Bei
Rückfragen geben Sie bitte die Ticketnummer im Betreff an.

Ihr Team der IT-Koordination

--
Landesdenkmalamt Berlin - IT-Koordination
"""
    frm = addr("IT-Koordination LDA", "it-koordination@lda.berlin.de")
    hs = std_headers(s, frm, ew(subject), date, f"<1712732531.{h(s, 6, '0123456789')}.{h(s + 'x', 9, '0123456789')}@otrs.lda.berlin.de>",
                     "mailout.berlin.de", ip_for(s), in_reply_to="<confirm-20240410-0083@heinlein-support.de>",
                     extra=[("Precedence", "bulk"), ("X-Loop", "yes"),
                            ("X-Powered-By", "OTRS - Open Ticket Request System (https://otrs.com/)"),
                            ("X-Mailer", "OTRS Mail Service (6.0.34)")])
    raw = message(hs, text_part("plain", text, "utf-8"))
    return raw, label([("auto_reply", None)])


@mail("lesebestaetigung-mdn",
      "Outlook read receipt „Gelesen:“ as multipart/report; report-type=disposition-notification (manual-action, displayed); CRLF; the text repeats the confirmation subject with „Anmeldung“.")
def _():
    s = "063"
    date = date_hdr(2024, 3, 26, 8, 14, 35)
    subject = "Gelesen: " + CONF_SUBJ
    text = f"""Ihre Nachricht

  An: Kowalczyk, Lina
  Betreff: {CONF_SUBJ}
  Gesendet: Montag, 25. März 2024 11:10:02 (UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien

wurde am Dienstag, 26. März 2024 08:14:31 (UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien gelesen.
"""
    mdn = Part([("Content-Type", "message/disposition-notification")],
               ("Reporting-UA: FR2P281MB1183.DEUP281.PROD.OUTLOOK.COM; Microsoft Exchange Server\n"
                "Final-Recipient: rfc822;l.kowalczyk@hbb-ev.de\n"
                "Original-Message-ID: <confirm-20240325-0029@heinlein-support.de>\n"
                "Disposition: manual-action/MDN-sent-manually; displayed\n").encode())
    rep = multipart("report", [text_part("plain", text, "utf-8"), mdn], bnd_outlook(s),
                    params=" report-type=disposition-notification;")
    frm = addr("Kowalczyk, Lina", "l.kowalczyk@hbb-ev.de")
    sj = ew(subject)
    hs = std_headers(s, frm, sj, date, mid_o365(s), "mail-fr2deu01on2160.outbound.protection.outlook.com",
                     ip_for(s), return_path="", extra=outlook_mua_headers(s, sj))
    raw = message(hs, rep, crlf=True)
    return raw, label([("auto_reply", None)])


# ===========================================================================
# bounces
# ===========================================================================

@mail("bounce-exim-x-failed-recipients",
      "Exim „Mail delivery failed“: plain text without MIME report, X-Failed-Recipients, „Unrouteable address“; the returned confirmation follows inline after „------ This is a copy of the message, including all the headers. ------“.")
def _():
    s = "064"
    date = date_hdr(2024, 3, 28, 13, 20, 44)
    sent = date_hdr(2024, 3, 28, 13, 20, 39)
    orig = organiser_rfc822("femke.devries@kiezstrom.de", CONF_SUBJ, sent,
                            "<confirm-20240328-0044@heinlein-support.de>", confirmation("Femke de Vries"), s).decode()
    text = f"""This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  femke.devries@kiezstrom.de
    Unrouteable address

------ This is a copy of the message, including all the headers. ------

Return-path: <mail@heinlein-support.de>
Received: from smtp-out.heinlein-support.de ([203.0.113.93])
	by mx1.kiezstrom.de with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384
	(Exim 4.97)
	(envelope-from <mail@heinlein-support.de>)
	id 1rpq{h(s, 2, 'abcdefghijklmnopqrstuvwxyz')}Q2-00A1b3-0X
	for femke.devries@kiezstrom.de;
	{date_hdr(2024, 3, 28, 13, 20, 43)}
""" + orig
    hs = [("Return-Path", "<>"), ("Delivered-To", "mail@heinlein-support.de"),
          ("Received", received("mx1.kiezstrom.de", ip_for(s), plus(date, 2), s)),
          ("Received", f"from Debian-exim by mx1.kiezstrom.de with local (Exim 4.97)\n\tid 1rpq{h(s, 2, 'abcdefghijklmnopqrstuvwxyz')}Q4-00A1b9-Kp\n\tfor mail@heinlein-support.de;\n\t{date}"),
          ("X-Failed-Recipients", "femke.devries@kiezstrom.de"),
          ("Auto-Submitted", "auto-replied"),
          ("From", "Mail Delivery System <Mailer-Daemon@mx1.kiezstrom.de>"),
          ("To", "mail@heinlein-support.de"),
          ("References", "<confirm-20240328-0044@heinlein-support.de>"),
          ("Content-Type", "text/plain; charset=us-ascii"),
          ("Subject", "Mail delivery failed: returning message to sender"),
          ("Message-Id", f"<E1rpq{h(s, 2, 'abcdefghijklmnopqrstuvwxyz')}Q4-00A1b9-Kp@mx1.kiezstrom.de>"),
          ("Date", date)]
    raw = "".join(f"{k}: {v}\n" for k, v in hs).encode() + b"\n" + text.encode("ascii")
    return raw, label([("bounce", None)], bounced="femke.devries@kiezstrom.de")


@mail("bounce-postfix-delay-warning",
      "Postfix delay warning („Delayed Mail (still being retried)“, Action: delayed, Status 4.4.1, Will-Retry-Until) with only the headers of the Netzwerktag confirmation as text/rfc822-headers.")
def _():
    s = "065"
    date = date_hdr(2024, 6, 3, 18, 22, 15)
    sent = date_hdr(2024, 6, 3, 14, 21, 8)
    notice = """This is the mail system at host smtp-out.heinlein-support.de.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<seraina.caduff@raetia-consulting.ch>: connect to
    mx.raetia-consulting.ch[198.51.100.23]:25: Connection timed out
"""
    ds = f"""Reporting-MTA: dns; smtp-out.heinlein-support.de
X-Postfix-Queue-ID: 4VW{h(s, 10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}
X-Postfix-Sender: rfc822; mail@heinlein-support.de
Arrival-Date: {sent}

Final-Recipient: rfc822; seraina.caduff@raetia-consulting.ch
Original-Recipient: rfc822;seraina.caduff@raetia-consulting.ch
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.raetia-consulting.ch[198.51.100.23]:25:
    Connection timed out
Will-Retry-Until: {date_hdr(2024, 6, 8, 14, 21, 8)}
"""
    orig_headers = ("Received: from bot.heinlein-support.de (bot.heinlein-support.de [10.20.0.15])\n"
                    f" by smtp-out.heinlein-support.de (Postfix) with ESMTPS id 4VW{h(s, 10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')} for\n"
                    f" <seraina.caduff@raetia-consulting.ch>; {sent}\n"
                    "From: Heinlein Support <mail@heinlein-support.de>\n"
                    "To: seraina.caduff@raetia-consulting.ch\n"
                    f"Subject: {ew(NT_CONF_SUBJ, 'utf-8', 'q')}\n"
                    f"Date: {plus(sent, -1)}\n"
                    "Message-ID: <confirm-20240603-0140@heinlein-support.de>\n"
                    "In-Reply-To: <" + mid_uuid('031', 'raetia-consulting.ch', True)[1:] + "\n"
                    "Auto-Submitted: auto-replied\n"
                    "MIME-Version: 1.0\n"
                    'Content-Type: text/plain; charset="utf-8"\n'
                    "Content-Transfer-Encoding: quoted-printable\n")
    parts = [text_part("plain", notice, "us-ascii", "7bit", quote_cs=False,
                       extra=[("Content-Description", "Notification")]),
             Part([("Content-Description", "Delivery report"), ("Content-Type", "message/delivery-status")], ds.encode()),
             Part([("Content-Description", "Undelivered Message Headers"), ("Content-Type", "text/rfc822-headers")],
                  orig_headers.encode())]
    rep = multipart("report", parts, f"4VW{h(s + 'b', 10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}.1717431735/smtp-out.heinlein-support.de",
                    preamble="This is a MIME-encapsulated message.", params=' report-type="delivery-status";')
    hs = [("Return-Path", "<>"), ("Delivered-To", "mail@heinlein-support.de"),
          ("Received", received("smtp-out.heinlein-support.de", "203.0.113.93", plus(date, 1), s)),
          ("From", "MAILER-DAEMON@smtp-out.heinlein-support.de (Mail Delivery System)"),
          ("To", "mail@heinlein-support.de"),
          ("Subject", "Delayed Mail (still being retried)"),
          ("Date", date),
          ("Message-ID", f"<20240603162215.4VW{h(s + 'm', 8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}@smtp-out.heinlein-support.de>"),
          ("Auto-Submitted", "auto-replied")]
    raw = message(hs, rep)
    return raw, label([("bounce", None)], bounced="seraina.caduff@raetia-consulting.ch")


@mail("bounce-office365-ndr",
      "Office 365 NDR in English, mailbox full (554 5.2.2); the human text and the returned confirmation also contain mail@heinlein-support.de and the other managing director's name; CRLF.")
def _():
    s = "066"
    date = date_hdr(2024, 4, 4, 9, 31, 2)
    sent = date_hdr(2024, 4, 4, 9, 30, 55)
    rcpt = "b.sauerland@ostkreuz-systems.de"
    text = f"""Your message to {rcpt} couldn't be delivered.

b.sauerland's mailbox is full.

mail    Office 365    b.sauerland
Action Required                  Recipient

Mailbox full

How to Fix It
The recipient's mailbox is full and can't accept messages now. Try resending your message later, or contact the recipient directly.

Was this helpful? Send feedback to Microsoft<https://go.microsoft.com/fwlink/?LinkId=525920>.

________________________________

More Info for Email Admins
Status code: 554 5.2.2

This error occurs when the recipient's mailbox has exceeded its storage quota.

Original Message Details
Created Date:    4/4/2024 7:30:55 AM
Sender Address:    mail@heinlein-support.de
Recipient Address:    {rcpt}
Subject:    {CONF_SUBJ}

Error Details
Error:    554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded
Message rejected by:    FR3P281MB2317.DEUP281.PROD.OUTLOOK.COM
"""
    html_body = "<html><head></head><body><div style=\"font-family: Verdana;font-size: 12.0px;\">\n" + "\n".join(
        f"<div>{linkify(esc(ln))}</div>" if ln.strip() else "<div>&nbsp;</div>" for ln in text.split("\n")) + "\n</div></body></html>\n"
    alt = multipart("alternative", [text_part("plain", text, "utf-8"), text_part("html", html_body, "utf-8")],
                    f"_002_FR3P281MB{h(s + 'a', 24)}_")
    ds = f"""Reporting-MTA: dns;FR3P281MB2317.DEUP281.PROD.OUTLOOK.COM
Received-From-MTA: dns;smtp-out.heinlein-support.de
Arrival-Date: Thu, 4 Apr 2024 07:30:57 +0000

Original-Recipient: rfc822;{rcpt}
Final-Recipient: rfc822;{rcpt}
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp;554 5.2.2 mailbox full;
 STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded
"""
    orig = organiser_rfc822(rcpt, CONF_SUBJ, sent, "<confirm-20240404-0068@heinlein-support.de>",
                            confirmation("Benedikt Sauerland"), s)
    rep = multipart("report", [alt, Part([("Content-Type", "message/delivery-status")], ds.encode()),
                               Part([("Content-Type", "message/rfc822")], orig)],
                    f"_001_FR3P281MB{h(s + 'b', 24)}_", params=' report-type="delivery-status";')
    subject = ew("Undeliverable: " + CONF_SUBJ)
    hs = [("Return-Path", "<>"), ("Delivered-To", "mail@heinlein-support.de"),
          ("Received", received("mail-fr2deu01on2100.outbound.protection.outlook.com", ip_for(s), plus(date, 19), s)),
          ("From", "Microsoft Outlook <postmaster@ostkreuzsystems.onmicrosoft.com>"),
          ("To", "mail@heinlein-support.de"),
          ("Subject", subject), ("Date", date), ("Message-ID", mid_o365(s)),
          ("Content-Language", "en-US"), ("Auto-Submitted", "auto-replied"),
          ("X-MS-Exchange-Message-Is-Ndr", "")]
    raw = message(hs, rep, crlf=True)
    return raw, label([("bounce", None)], bounced=rcpt)


# ===========================================================================
# spam
# ===========================================================================

@mail("spam-krypto-webinar",
      "English crypto scam: „Register now for our exclusive investor webinar on 18 April“, „reply with your full name“; Reply-To to a freemail address; personal-looking sender.")
def _():
    s = "067"
    date = date_hdr(2024, 4, 3, 4, 17, 52)
    text = """Dear Partner,

I am reaching out to a select group of technology leaders in Berlin. Our AI-powered trading platform QuantumYield has delivered average daily returns of 3.8% in Bitcoin and Ethereum arbitrage since January.

Register now for our exclusive investor webinar on 18 April and receive a 500 USDT welcome bonus. Places are limited - simply reply with your full name and phone number to secure your seat.

To your financial freedom,
Daniel Whitmore
Senior Investment Advisor
Quantum Yield Capital"""
    alt = multipart("alternative", [text_part("plain", text + "\n", "utf-8"),
                                    text_part("html", simple_html([p.split("\n") for p in text.split("\n\n")], False), "utf-8")],
                    bnd_generic(s))
    frm = addr("Daniel Whitmore", "d.whitmore@quantum-yield-capital.com")
    hs = std_headers(s, frm, "Partnership opportunity - exclusive investor webinar 18 April", date,
                     mid_simple(s, "quantum-yield-capital.com"), "vps-4471.hostingcloud.cc", ip_for(s),
                     reply_to="whitmore.quantumyield@gmail.com", extra=[("X-Mailer", "PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)")])
    raw = message(hs, alt)
    return raw, label([("spam", None)])


@mail("spam-gewinnspiel",
      "German prize-draw scam: „bestätigen Sie bitte Ihre Teilnahme und melden Sie sich bis zum 12.04.2024 … an“, „Die Teilnahme ist kostenlos“, List-Unsubscribe; HTML only with entities.")
def _():
    s = "068"
    date = date_hdr(2024, 4, 5, 6, 30, 0)
    paras = [["Sehr geehrte Teilnehmerin, sehr geehrter Teilnehmer,"],
             ["Ihre E-Mail-Adresse wurde bei unserer Frühjahrs-Verlosung als Gewinner eines Apple iPad Pro ausgewählt!"],
             ["Um Ihren Gewinn zu erhalten, bestätigen Sie bitte Ihre Teilnahme und melden Sie sich bis zum 12.04.2024 "
              "unter https://gewinn-bestaetigen.preis-aktion-2024.de an. Die Teilnahme ist kostenlos, es fällt lediglich "
              "eine Versandpauschale von 1,95 € an."],
             ["Ihr Gewinnspiel-Team"],
             ["Sie erhalten diese E-Mail, weil Sie sich für unseren Newsletter angemeldet haben. Zum Abmelden klicken Sie hier."]]
    body = simple_html(paras, True, ' style="font-family:Arial,sans-serif"')
    frm = addr("Gewinnspiel-Team", "gewinn@preis-aktion-2024.de")
    hs = std_headers(s, frm, ew("Herzlichen Glückwunsch – Sie haben gewonnen!"), date,
                     mid_simple(s, "preis-aktion-2024.de"), "mta7.preis-aktion-2024.de", ip_for(s),
                     extra=[("List-Unsubscribe", "<https://preis-aktion-2024.de/abmelden?id=88213>"),
                            ("Precedence", "bulk")])
    raw = message(hs, text_part("html", body, "utf-8"))
    return raw, label([("spam", None)])


@mail("spam-seo-eventseite",
      "German SEO cold mail that names the Runder Tisch, the date and the IHK, asks a question („Darf ich Ihnen … zusenden?“) and offers „Abmelden“.")
def _():
    s = "069"
    date = date_hdr(2024, 3, 29, 10, 5, 18)
    text = """Sehr geehrte Damen und Herren,

bei meiner Recherche bin ich auf Ihren Runden Tisch „Open Source in Berlin“ am 18. April in der IHK Berlin gestoßen. Leider ist Ihre Veranstaltungsseite bei Google für Suchbegriffe wie „Open Source Veranstaltung Berlin“ kaum sichtbar – dadurch verschenken Sie wertvolle Anmeldungen.

Wir haben bereits über 300 Unternehmen auf Seite 1 gebracht. Darf ich Ihnen einen kostenlosen SEO-Check Ihrer Website zusenden? Eine kurze Antwort genügt.

Mit freundlichen Grüßen
Jan-Ole Fricke
TopRanking Agentur

Sie möchten keine weiteren Informationen von uns erhalten? Antworten Sie mit „Abmelden“.
"""
    frm = addr("Jan-Ole Fricke", "j.fricke@topranking-agentur.de")
    hs = std_headers(s, frm, ew("Ihr Runder Tisch am 18. April – mehr Anmeldungen über Google?"), date,
                     mid_uuid(s, "topranking-agentur.de"), "smtp.topranking-agentur.de", ip_for(s),
                     extra=[("User-Agent", "Mozilla Thunderbird")])
    raw = message(hs, text_part("plain", text, "UTF-8", quote_cs=False))
    return raw, label([("spam", None)])


@mail("spam-dhl-htm-anhang",
      "Fake DHL notice („Zustellversuch fehlgeschlagen“, bounce-like words) with an .htm attachment that posts to a phishing form; spam, bounced null.")
def _():
    s = "070"
    date = date_hdr(2024, 4, 17, 7, 12, 40)
    body = simple_html([["Sehr geehrter Kunde,"],
                        ["wir konnten Ihre Sendung 00340434161094027318 heute nicht zustellen, da die Zustelladresse "
                         "unvollständig ist. Zustellversuch fehlgeschlagen."],
                        ["Bitte öffnen Sie das beigefügte Dokument, bestätigen Sie Ihre Adresse und begleichen Sie die "
                         "Zustellgebühr von 1,99 EUR. Andernfalls wird die Sendung an den Absender zurückgeschickt."],
                        ["Ihr DHL Paket-Team"]], True)
    att_html = ('<html><body><form action="https://dhl-sendungsstatus.info/pay.php" method="post">'
                "<h3>DHL Sendungsdetails</h3><p>Bitte geben Sie Ihre Adresse und Zahlungsdaten ein.</p>"
                '<input name="name"><input name="iban"><input name="card"><button>Jetzt bezahlen</button>'
                "</form></body></html>")
    att = Part([("Content-Type", 'text/html; name="Sendungsdetails_DE.htm"'),
                ("Content-Disposition", 'attachment; filename="Sendungsdetails_DE.htm"'),
                ("Content-Transfer-Encoding", "base64")], b64(att_html.encode()))
    mixed = multipart("mixed", [text_part("html", body, "utf-8"), att], bnd_generic(s),
                      preamble="This is a multi-part message in MIME format.")
    frm = addr("DHL Express", "noreply@dhl-sendungsstatus.info")
    hs = std_headers(s, frm, "Ihre Sendung 00340434161094027318 konnte nicht zugestellt werden", date,
                     mid_simple(s, "dhl-sendungsstatus.info"), "mail.dhl-sendungsstatus.info", ip_for(s))
    raw = message(hs, mixed)
    return raw, label([("spam", None)])


# ===========================================================================
# writing and checking
# ===========================================================================

def files():
    out = []
    for i, (slug, note, fn) in enumerate(MAILS, 1):
        out.append((f"{i:03d}-{slug}.eml", note, fn))
    return out


def generate():
    for f in os.listdir(HERE):
        if f.endswith(".eml"):
            os.remove(os.path.join(HERE, f))
    labels = []
    for name, note, fn in files():
        raw, lab = fn()
        with open(os.path.join(HERE, name), "wb") as fh:
            fh.write(raw)
        labels.append(dict(file=name, **lab))
    with open(os.path.join(HERE, "labels.jsonl"), "w", encoding="utf-8") as fh:
        for lab in labels:
            fh.write(json.dumps(lab, ensure_ascii=False) + "\n")
    write_readme()


def decoded_text(path):
    """Headers (decoded) + every text part (HTML de-tagged), recursively."""
    import email
    import email.policy
    with open(path, "rb") as fh:
        msg = email.message_from_binary_file(fh, policy=email.policy.default)
    chunks = []

    def walk(m):
        for k, v in m.items():
            chunks.append(f"{k}: {v}")
        for part in m.walk():
            ct = part.get_content_type()
            if part.is_multipart():
                continue
            if ct == "message/rfc822" or ct == "text/rfc822-headers":
                pass
            if part.get_content_maintype() == "text":
                c = part.get_content()
                if ct == "text/html":
                    c = html.unescape(re.sub(r"<[^>]+>", " ", c))
                chunks.append(c)
            elif ct in ("message/delivery-status", "message/disposition-notification"):
                chunks.append(part.as_string())
        for part in m.walk():
            if part.get_content_type() == "message/rfc822":
                inner = part.get_payload()
                for im in (inner if isinstance(inner, list) else [inner]):
                    for k, v in im.items():
                        chunks.append(f"{k}: {v}")
    walk(msg)
    return msg, "\n".join(chunks)


def norm(s):
    return re.sub(r"\s+", " ", s).casefold()


def check():
    problems = []
    labels = [json.loads(l) for l in open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8")]
    names = sorted(f for f in os.listdir(HERE) if f.endswith(".eml"))
    if [l["file"] for l in labels] != names:
        problems.append("labels.jsonl and *.eml do not match")
    intents = {"register", "info_request", "cancel", "delete_request", "question", "auto_reply", "bounce", "spam"}
    for lab in labels:
        f = lab["file"]
        msg, text = decoded_text(os.path.join(HERE, f))
        if msg.defects:
            problems.append(f"{f}: defects {msg.defects}")
        for part in msg.walk():
            if part.defects:
                problems.append(f"{f}: part defects {part.defects}")
        if not msg["From"] or not msg["Date"] or not msg["Message-ID"] and not msg["Message-Id"]:
            problems.append(f"{f}: missing core header")
        t = norm(text)
        if "\ufffd" in text:
            problems.append(f"{f}: replacement character in decoded text")
        if set(lab) != {"file", "requests", "contact", "attendees", "bounced", "reply"}:
            problems.append(f"{f}: bad keys")
        for r in lab["requests"]:
            if r["intent"] not in intents or r["event"] not in (None, RT, NT):
                problems.append(f"{f}: bad request {r}")
        machine = any(r["intent"] in MACHINE for r in lab["requests"])
        if machine != (lab["reply"] is False) or machine != (lab["contact"] is None):
            problems.append(f"{f}: reply/contact inconsistent")
        if (lab["bounced"] is not None) != any(r["intent"] == "bounce" for r in lab["requests"]):
            problems.append(f"{f}: bounced inconsistent")
        if lab["attendees"] and not any(r["intent"] == "register" for r in lab["requests"]):
            problems.append(f"{f}: attendees without register")
        people = []
        if lab["contact"]:
            c = lab["contact"]
            people.append((c["name"], c["email"]))
            if c["organisation"] and norm(c["organisation"]) not in t:
                problems.append(f"{f}: organisation {c['organisation']!r} not in mail")
            if c["email"] is None or c["email"] != c["email"].lower():
                problems.append(f"{f}: contact email missing/not lower case")
        for a in lab["attendees"]:
            people.append((a["name"], a["email"]))
        if lab["bounced"]:
            people.append((None, lab["bounced"]))
        for n, e in people:
            if e and e.lower() not in t:
                problems.append(f"{f}: address {e!r} not in mail")
            if e and e != e.lower():
                problems.append(f"{f}: address {e!r} not lower case")
            if n:
                for tok in n.split():
                    if norm(tok) not in t:
                        problems.append(f"{f}: name token {tok!r} of {n!r} not in mail")
    # organisations / people must be new compared with the development corpus labels
    corpus = os.path.join(HERE, "..", "corpus", "labels.jsonl")
    if os.path.exists(corpus):
        old_orgs, old_names = set(), set()
        for l in open(corpus, encoding="utf-8"):
            d = json.loads(l)
            if d["contact"]:
                old_orgs.add(norm(d["contact"]["organisation"] or ""))
                old_names.add(norm(d["contact"]["name"] or ""))
            for a in d["attendees"]:
                old_names.add(norm(a["name"] or ""))
        old_orgs.discard("")
        old_names.discard("")
        for lab in labels:
            c = lab["contact"]
            if c and c["organisation"] and norm(c["organisation"]) in old_orgs:
                problems.append(f"{lab['file']}: organisation also in corpus")
            for n in ([c["name"]] if c else []) + [a["name"] for a in lab["attendees"]]:
                if n and norm(n) in old_names:
                    problems.append(f"{lab['file']}: person {n!r} also in corpus")
    return labels, problems


README = """# Second blind holdout set (`holdout2`)

{n} synthetic but realistic e-mails as they reach the registration mailbox
`mail@heinlein-support.de`, written blind: without looking at regbot's Go code, without
looking at the first holdout set (`../holdout/`) and without running regbot. The set is meant
to be scored once against regbot; do not tune the bot on it.

The schema of `labels.jsonl` and the labelling conventions are exactly those of the
development corpus (`../corpus/README.md` and the sections „Labelling conventions used beyond
README.md“ of `../corpus/COVERAGE.md`). All people, organisations and wordings are new
(no person or organisation of the corpus labels appears here).

The set leans on what a keyword classifier gets wrong: Austrian and Swiss phrasing
(„Bitte um Anmeldung“, „Gerne nehme ich teil“, „Grüezi“, „Grüsse“), one-liners, English
registrations, events named only in a quoted invitation or programme mail, attendees in
signature-like blocks or as „Nachname, Vorname“, colleagues who are mentioned but not
registered, substitute and partial cancellations, „Zusage“ vs „Absage“, deletion requests
through a works council, questions that carry „angemeldet“, a mail that says „Frage“ but only
registers, header-less out-of-office notices whose subject is „Re: Bestätigung Ihrer
Anmeldung …“, a read receipt, a delay warning, and spam full of „Anmeldung“, „Teilnahme“,
„18 April“ and „Zustellung fehlgeschlagen“.

## Regenerate

    python3 gen.py           # rewrites all *.eml, labels.jsonl and this README, then self-checks
    python3 gen.py --check   # only the self-check

`gen.py` uses the Python standard library only and is deterministic (two runs give identical
files). The self-check re-parses every file with `email.policy.default`, decodes every text
part (also inside attached messages), and checks that every label name token, organisation
and address occurs in the decoded mail, that labels are consistent (reply/contact/bounced),
and that no person or organisation of `../corpus/labels.jsonl` is reused.

## Messages per primary intent

Primary intent = first request of the label.

| intent | messages |
|---|---:|
{table}
| **total** | **{n}** |

Messages with more than one request: {multi}.

## Storylines

Some senders write more than once, as in the corpus (each mail is still labelled on its own):

{stories}

## The ten hardest cases

{hardest}

## Judgement calls

{calls}

## Messages

{listing}
"""

STORIES = [
    ("reto.ammann@limmatwerk.ch", ["gerne-nehme-ich-teil-zuerich", "muss-leider-passen"]),
    ("konstanze.vetter@posteo.de", ["bin-dabei-gruss-k", "schaffe-es-heute-doch-nicht"]),
    ("elena.marchetti@fokus.fraunhofer.de", ["ill-attend-apple", "please-remove-me"]),
    ("wiebke.thorsen@energieagentur-spree.de", ["kollegin-meldet-sich-selbst", "frau-uebernimmt-platz"]),
    ("irina.wolkowa@kranich-logistik.de", ["rechnungsadresse-kostenlos", "absage-rt-anmeldung-netzwerktag"]),
    ("carla.bertram@senumvk.berlin.de", ["netzwerktag-zu-dritt-name-folgt", "netzwerktag-storno-dritte-person"]),
    ("kwame.mensah@tidewave.dev", ["english-network-day-signup", "network-day-cant-make-it"]),
    ("clemens.aigner@gmx.at", ["vormerken-netzwerktag-wien", "vormerkliste-austragen"]),
    ("gudrun.moellenkamp@drv-berlin-brandenburg.de", ["outlook-anmeldung-nur-zitat", "fotos-nicht-abgebildet"]),
    ("henrik.solberg@nordwind-it.de", ["beide-termine-anmelden", "wlan-live-demo-netzwerktag"]),
    ("dominik.kessler@spreeufer-eg.de", ["zwei-plaetze-reserviert", "urlaub-ohne-header"]),
    ("k.doerfler@verbraucherzentrale-berlin.de", ["anmeldung-und-vormerken", "elternzeit-ohne-header"]),
    ("kontakt@weidemann-webdesign.de", ["frage-im-betreff-nur-anmeldung", "ab-wieder-erreichbar"]),
    ("oliver@brightloop.io", ["count-us-in-english", "ooo-english-auto-submitted"]),
    ("bjoern.juergens@ibb.de", ["automatische-antwort-outlook", "netzwerktag-nachname-vorname"]),
    ("it-koordination@lda.berlin.de", ["funktionspostfach-i-a", "otrs-ticket"]),
    ("l.kowalczyk@hbb-ev.de", ["chef-kann-nicht-ich-komme", "lesebestaetigung-mdn"]),
    ("femke.devries@kiezstrom.de (bounce)", ["register-my-colleague-english", "bounce-exim-x-failed-recipients"]),
    ("seraina.caduff@raetia-consulting.ch (delay)", ["gerne-nehme-ich-teil-netzwerktag", "bounce-postfix-delay-warning"]),
    ("b.sauerland@ostkreuz-systems.de (bounce)", ["assistenz-zwei-geschaeftsfuehrer", "bounce-office365-ndr"]),
]

HARDEST = [
    ("ab-wieder-erreichbar", "two-sentence „Ich bin ab dem 22.04.2024 wieder erreichbar“ as „Re: Erinnerung …“ with In-Reply-To and no automation header at all; reads like someone who will miss the event (cancel?), but it is an auto_reply that must not be answered."),
    ("urlaub-ohne-header", "Outlook-rule vacation notice with subject „RE: Bestätigung Ihrer Anmeldung …“ and no Auto-Submitted/X-Auto-Response-Suppress: only the wording shows it is automatic."),
    ("chef-kann-nicht-ich-komme", "„Er selbst kann … leider nicht; an seiner Stelle würde ich gern kommen“ is substitute wording, but it answers the invitation of a boss who never registered: register only, no cancel, attendee only the sender."),
    ("outlook-anmeldung-nur-zitat", "subject rewritten to „Anmeldung“, body „hiermit melde ich mich verbindlich an“: the event is only in the quoted invitation, which also contains the Netzwerktag „vorgemerkt … Informationen“ bait."),
    ("gerne-nehme-ich-teil-netzwerktag", "„Gerne nehme ich teil.“ with no event in the new text: it must go to the Netzwerktag via the „Re: Programm und Anmeldung …“ subject/quote, not to the default Runder Tisch."),
    ("teilnehmende-signaturblock", "attendees in signature-shaped blocks after „Teilnehmende:“, followed by the sender's real signature; the sender is the second block but must be listed first; both addresses only in those blocks."),
    ("netzwerktag-storno-dritte-person", "cancel (own place) + register (the promised third person, with address) for the same event, plus a colleague who stays registered and must not appear as attendee."),
    ("kollegin-meldet-sich-selbst", "a colleague is named next to „anmelden“ but „meldet sich aber selbst noch an“: only the sender is an attendee."),
    ("betriebsrat-loeschung", "works council, functional mailbox, on behalf of an employee who took part: delete_request for the Runder Tisch; contact is the signer (not the employee, not the mailbox name), organisation without the „Betriebsrat“ line; „teilgenommen“ and „Anmeldung“ are not a registration."),
    ("please-remove-me", "„Please remove me from the attendee list“: the word „remove“ suggests a deletion request, but it withdraws a registration (cancel)."),
]

CALLS = [
    "`065-bounce-postfix-delay-warning.eml` is a 4.4.1 delay warning (delivery is still being retried). It is labelled `bounce` with the affected recipient in `bounced`, as the brief asked; at the very least a bot must not answer it.",
    "`063-lesebestaetigung-mdn.eml` (read receipt, disposition-notification) is labelled `auto_reply`: an automatically generated answer that needs no reply.",
    "`001-gerne-anmelden-freue-mich-wien.eml`: „Mag.“ (Austrian Magister) is an academic title and is kept as written, like „Dr.“.",
    "`055-teilnahmebescheinigung.eml`: „Stellen Sie Teilnahmebescheinigungen aus?“ needs an answer before the trip is approved, so `question`, not `info_request`.",
    "`045-einladung-nur-absage.eml` answers the invitation and does nothing but decline: `cancel` by the README convention (the organisers answer it with thanks).",
    "`049-betriebsrat-loeschung.eml` names the event („am Runden Tisch … teilgenommen … im Zusammenhang mit der Anmeldung“), so its delete_request carries `runder-tisch`.",
    "`027-beide-termine-anmelden.eml` and `043-absage-rt-anmeldung-netzwerktag.eml` say „anmelden“ for the Netzwerktag before the programme mail: `register` for the Netzwerktag (corpus convention: „anmelden“ = register, „vormerken“ = info_request).",
    "`027`/`053`: a one-line signature with „·“ separators is read like one with „|“: only the institution's name („Nordwind IT-Service GmbH“) is the organisation.",
    "`044-netzwerktag-storno-dritte-person.eml`: naming the placeholder person announced in `022` registers her (attendee with her address); the colleague who „kommt wie geplant“ is not newly registered.",
    "`059-ab-wieder-erreichbar.eml`: although the notice implies absence on 18 April, it is an automatic answer, so no `cancel`.",
]


def write_readme():
    fl = files()
    by_slug = {name[4:-4]: name for name, _, _ in fl}
    labels = [json.loads(l) for l in open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8")]
    order = ["register", "info_request", "cancel", "delete_request", "question", "auto_reply", "bounce", "spam"]
    counts = {k: 0 for k in order}
    for lab in labels:
        counts[lab["requests"][0]["intent"]] += 1
    table = "\n".join(f"| `{k}` | {counts[k]} |" for k in order)
    multi = sum(1 for lab in labels if len(lab["requests"]) > 1)
    stories = "\n".join(f"- {who}: " + " → ".join(f"`{by_slug[x]}`" for x in chain) for who, chain in STORIES)
    hardest = "\n".join(f"{i}. `{by_slug[slug]}` — {why}" for i, (slug, why) in enumerate(HARDEST, 1))
    calls = "\n".join(f"- {c}" for c in CALLS)
    listing = "\n".join(f"- `{name}` — {note}" for name, note, _ in fl)
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as fh:
        fh.write(README.format(n=len(fl), table=table, multi=multi, stories=stories, listing=listing,
                                  hardest=hardest, calls=calls))


def main():
    if "--check" not in sys.argv:
        generate()
    labels, problems = check()
    for p in problems:
        print("PROBLEM:", p)
    counts = {}
    for lab in labels:
        k = lab["requests"][0]["intent"]
        counts[k] = counts.get(k, 0) + 1
    print(f"{len(labels)} messages;", ", ".join(f"{k}={v}" for k, v in counts.items()))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
