#!/usr/bin/env python3
"""Generate the blind holdout set for regbot.

90 realistic e-mails to mail@heinlein-support.de as NNN-slug.eml plus
labels.jsonl (same schema as ../corpus/labels.jsonl).  Standard library only,
deterministic: running it twice gives byte-identical files.

    python3 gen.py          # writes *.eml and labels.jsonl next to this file
    python3 gen.py --check  # only re-parses the written files and checks labels
"""

import base64
import html
import json
import os
import quopri
import random
import re
import sys
import textwrap
from datetime import datetime, timedelta, timezone

OUT = os.path.dirname(os.path.abspath(__file__))
BOT = "mail@heinlein-support.de"

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

def berlin(m, d, hh, mm, ss=0):
    naive = datetime(2024, m, d, hh, mm, ss)
    tz = CEST if naive >= datetime(2024, 3, 31, 2, 0) else CET
    return naive.replace(tzinfo=tz)


DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
             "Oct", "Nov", "Dec"]
DAYS_DE = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag",
           "Samstag", "Sonntag"]
DAYS_DE_SHORT = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
             "August", "September", "Oktober", "November", "Dezember"]
MONTHS_DE_SHORT = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli",
                   "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]


def rfc_date(dt):
    off = dt.utcoffset()
    sign = "+" if off >= timedelta(0) else "-"
    mins = abs(int(off.total_seconds())) // 60
    return "%s, %02d %s %d %02d:%02d:%02d %s%02d%02d" % (
        DAYS_EN[dt.weekday()], dt.day, MONTHS_EN[dt.month - 1], dt.year,
        dt.hour, dt.minute, dt.second, sign, mins // 60, mins % 60)


def de_long(dt):
    """Outlook: 'Montag, 25. März 2024 13:12'"""
    return "%s, %d. %s %d %02d:%02d" % (DAYS_DE[dt.weekday()], dt.day,
                                       MONTHS_DE[dt.month - 1], dt.year,
                                       dt.hour, dt.minute)


def gmail_de(dt):
    """Gmail: 'Mi., 20. März 2024 um 10:00 Uhr'"""
    return "%s, %d. %s %d um %02d:%02d Uhr" % (
        DAYS_DE_SHORT[dt.weekday()], dt.day, MONTHS_DE_SHORT[dt.month - 1],
        dt.year, dt.hour, dt.minute)


# ---------------------------------------------------------------------------
# header encoding
# ---------------------------------------------------------------------------

Q_SAFE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def _q(data):
    out = []
    for b in data:
        c = chr(b)
        if c == " ":
            out.append("_")
        elif c in Q_SAFE:
            out.append(c)
        else:
            out.append("=%02X" % b)
    return "".join(out)


def _word(s, charset, enc):
    data = s.encode(charset)
    if enc == "b":
        return "=?%s?b?%s?=" % (charset, base64.b64encode(data).decode())
    return "=?%s?q?%s?=" % (charset, _q(data))


def ew(s, charset="utf-8", enc="b", force=False, first=0):
    """RFC 2047 encode s (split into words of at most 75 characters and
    folded).  ASCII strings are returned as they are unless force."""
    if not force and all(ord(c) < 128 for c in s):
        return s
    words, cur = [], ""
    for ch in s:
        cand = cur + ch
        if cur and len(_word(cand, charset, enc)) > 75 - (first if not words else 0):
            words.append(_word(cur, charset, enc))
            cur = ch
        else:
            cur = cand
    if cur:
        words.append(_word(cur, charset, enc))
    return "\n ".join(words)


def fold_ascii(value, first):
    """Fold a plain ASCII header value at spaces to keep lines <= 78."""
    if "\n" in value or len(value) + first <= 78:
        return value
    out, line, limit = [], "", 78 - first
    for tok in value.split(" "):
        cand = tok if not line else line + " " + tok
        if len(cand) > limit and line:
            out.append(line)
            line = tok
            limit = 77
        else:
            line = cand
    out.append(line)
    return "\n ".join(out)


def fold_long(name, value):
    """Fold an over-long From/To/Cc/Reply-To before the angle address and a
    Message-ID onto its own line, as Outlook and Postfix do."""
    if "\n" in value or len(name) + 2 + len(value) <= 78:
        return value
    if name in ("Message-ID", "In-Reply-To", "References"):
        return "\n " + value
    if name in ("From", "To", "Cc", "Reply-To") and " <" in value:
        i = value.rfind(" <")
        return value[:i] + "\n" + value[i:]
    return value


SPECIALS = set(',.()<>@;:"[]')


def addr(name, email, charset="utf-8", enc="b"):
    if not name:
        return email
    if any(ord(c) > 127 for c in name):
        return "%s <%s>" % (ew(name, charset, enc), email)
    if any(c in SPECIALS for c in name):
        return '"%s" <%s>' % (name.replace('"', '\\"'), email)
    return "%s <%s>" % (name, email)


# ---------------------------------------------------------------------------
# bodies
# ---------------------------------------------------------------------------

def qp(data):
    return quopri.encodestring(data, quotetabs=False)


def b64(data):
    return base64.encodebytes(data)


_EOL = ["\n"]  # set to CRLF while a CRLF message is built (base64 payloads)


def enc_body(text, charset, cte):
    if cte == "base64" and _EOL[0] != "\n":
        text = text.replace("\r\n", "\n").replace("\n", _EOL[0])
    data = text.encode(charset)
    if cte == "quoted-printable":
        return qp(data)
    if cte == "base64":
        return b64(data)
    return data


def leaf(ctype, body, cte=None, extra=()):
    hdrs = [("Content-Type", ctype)]
    if cte:
        hdrs.append(("Content-Transfer-Encoding", cte))
    hdrs.extend(extra)
    return (hdrs, body)


def text_leaf(text, subtype="plain", charset="utf-8", cte="quoted-printable",
              ct_extra="", extra=(), quote_cs=True):
    cs = '"%s"' % charset if quote_cs else charset
    return leaf("text/%s; charset=%s%s" % (subtype, cs, ct_extra),
                enc_body(text, charset, cte), cte, extra)


def ser(part):
    hdrs, body = part
    out = "".join("%s: %s\n" % (k, v) for k, v in hdrs).encode("ascii")
    return out + b"\n" + body


def multipart(subtype, parts, boundary, preamble=None, ct_extra="", extra=()):
    body = b""
    if preamble:
        body += preamble.encode() + b"\n"
    for p in parts:
        pb = ser(p)
        if not pb.endswith(b"\n"):
            pb += b"\n"
        body += b"--" + boundary.encode() + b"\n" + pb + b"\n"
    body += b"--" + boundary.encode() + b"--\n"
    hdrs = [("Content-Type", 'multipart/%s;%s\n boundary="%s"' % (
        subtype, ct_extra, boundary))]
    hdrs.extend(extra)
    return (hdrs, body)


def wrap(text, width=72):
    out = []
    for line in text.split("\n"):
        if len(line) <= width or line.startswith(">"):
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width, break_long_words=False,
                                     break_on_hyphens=False))
    return "\n".join(out)


def quote(text, prefix="> "):
    return "\n".join((prefix + l).rstrip() if l else prefix.rstrip()
                     for l in text.rstrip("\n").split("\n"))


def to_entities(s):
    out = []
    for ch in s:
        o = ord(ch)
        if o < 128:
            out.append(ch)
        elif o in html.entities.codepoint2name:
            out.append("&%s;" % html.entities.codepoint2name[o])
        else:
            out.append("&#%d;" % o)
    return "".join(out)


import html.entities  # noqa: E402  (used by to_entities)


def esc(s):
    return html.escape(s, quote=False)


MSO_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=%s">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face
	{font-family:Aptos;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	font-size:11.0pt;
	font-family:"Aptos",sans-serif;
	mso-ligatures:standardcontextual;
	mso-fareast-language:EN-US;}
a:link, span.MsoHyperlink
	{mso-style-priority:99;
	color:#467886;
	text-decoration:underline;}
span.E-MailFormatvorlage18
	{mso-style-type:personal-compose;
	font-family:"Aptos",sans-serif;
	color:windowtext;}
.MsoChpDefault
	{mso-style-type:export-only;
	font-size:10.0pt;
	mso-ligatures:none;}
@page WordSection1
	{size:612.0pt 792.0pt;
	margin:70.85pt 70.85pt 2.0cm 70.85pt;}
div.WordSection1
	{page:WordSection1;}
--></style>
</head>
<body lang="DE" link="#467886" vlink="#96607D" style="word-wrap:break-word">
<div class="WordSection1">
"""

MAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL_RE = re.compile(r"(https?://[^\s<>]+|www\.[^\s<>]+)")


def linkify(s):
    s = esc(s)
    s = MAIL_RE.sub(lambda m: '<a href="mailto:%s">%s</a>' % (m.group(0), m.group(0)), s)
    return s


def mso_html(text):
    """Outlook's HTML rendering of a plain text body: one MsoNormal
    paragraph per line; the header block of a quoted mail is put into the
    usual border-top div."""
    rows = []
    in_quote = False
    for line in text.split("\n"):
        if (line.startswith("Von: ") or line.startswith("From: ")) and not in_quote:
            rows.append('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">')
            in_quote = True
        if line.strip() == "":
            rows.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>')
        else:
            m = re.match(r"^(Von|Gesendet|An|Cc|Betreff|From|Sent|To|Subject):(.*)$", line)
            if m and in_quote:
                rows.append('<p class="MsoNormal"><b>%s:</b>%s<o:p></o:p></p>' % (m.group(1), linkify(m.group(2))))
            else:
                rows.append('<p class="MsoNormal">%s<o:p></o:p></p>' % linkify(line))
    if in_quote:
        rows.append("</div>")
    return "\n".join(rows)


def outlook_html(text, charset):
    return (MSO_HEAD % charset) + mso_html(text) + "\n</div>\n</body>\n</html>\n"


def simple_html(text, wrapper='<div dir="ltr">%s</div>'):
    lines = [linkify(l) if l.strip() else "" for l in text.split("\n")]
    inner = "".join("<div>%s</div>" % (l if l else "<br>") for l in lines)
    return wrapper % inner


# ---------------------------------------------------------------------------
# client profiles: each returns dict(part=..., extra=[...], mid=style)
# ---------------------------------------------------------------------------

def hexid(rng, n, upper=True):
    s = "".join(rng.choice("0123456789abcdef") for _ in range(n))
    return s.upper() if upper else s


def outlook(text, charset="utf-8", style="o365", text_cte="quoted-printable",
            html_cte="quoted-printable", lang="de-DE"):
    return dict(kind="outlook", text=text, charset=charset, style=style,
                text_cte=text_cte, html_cte=html_cte, lang=lang)


def thunderbird(text, charset="utf-8", cte="8bit", lang="de-DE", flowed=False,
                width=72, agent="Mozilla Thunderbird"):
    return dict(kind="thunderbird", text=text, charset=charset, cte=cte,
                lang=lang, flowed=flowed, width=width, agent=agent)


def gmail(text, quoted_head=None, quoted=None, cte="quoted-printable"):
    return dict(kind="gmail", text=text, quoted_head=quoted_head,
                quoted=quoted, cte=cte)


def apple(text):
    return dict(kind="apple", text=text)


def iphone(text, quoted_head=None, quoted=None):
    return dict(kind="iphone", text=text, quoted_head=quoted_head,
                quoted=quoted)


def plain(text, charset="utf-8", cte="8bit", mailer=None, quote_cs=True,
          ct_extra=""):
    return dict(kind="plain", text=text, charset=charset, cte=cte,
                mailer=mailer, quote_cs=quote_cs, ct_extra=ct_extra)


def html_only(markup, charset="utf-8", cte="quoted-printable", mailer=None):
    return dict(kind="html", markup=markup, charset=charset, cte=cte,
                mailer=mailer)


def raw(part, extra=(), mid="generic"):
    return dict(kind="raw", part=part, extra=list(extra), mid=mid)


def build_body(spec, rng, subject_hdr, domain):
    k = spec["kind"]
    extra = []
    if k == "outlook":
        cs = spec["charset"]
        tp = text_leaf(spec["text"], "plain", cs, spec["text_cte"])
        hp = text_leaf(outlook_html(spec["text"], cs).encode(cs, "xmlcharrefreplace").decode(cs),
                       "html", cs, spec["html_cte"])
        if spec["style"] == "o365":
            bnd = "_000_FR2P281MB%s%s_" % (rng.randint(1000, 9999), hexid(rng, 24))
            part = multipart("alternative", [tp, hp], bnd)
            nodes = "FR2P281MB%04d" % rng.randint(100, 9999)
            mid = "<%s%s@%s.DEUP281.PROD.OUTLOOK.COM>" % (nodes, hexid(rng, 28), nodes)
            extra = [("Thread-Topic", subject_hdr),
                     ("Thread-Index", base64.b64encode(rng.randbytes(22)).decode()),
                     ("Accept-Language", "de-DE, en-US" if spec["lang"].startswith("de") else "en-GB, de-DE"),
                     ("Content-Language", spec["lang"]),
                     ("X-MS-Has-Attach", ""),
                     ("X-MS-TNEF-Correlator", "")]
        else:
            bnd = "----=_NextPart_000_%04X_01DA%s.%s" % (rng.randint(0, 0xffff), hexid(rng, 4), hexid(rng, 8))
            part = multipart("alternative", [tp, hp], bnd,
                             preamble="This is a multi-part message in MIME format.\n")
            mid = "<%s$%s$%s@%s>" % (hexid(rng, 20, False), hexid(rng, 8, False),
                                     hexid(rng, 8, False), domain)
            extra = [("X-Mailer", "Microsoft Outlook 16.0"),
                     ("Thread-Index", base64.b64encode(rng.randbytes(18)).decode()),
                     ("Content-Language", spec["lang"][:2])]
        return part, extra, mid
    if k == "thunderbird":
        text = wrap(spec["text"], spec["width"])
        ct_extra = "; format=flowed" if spec["flowed"] else ""
        part = text_leaf(text, "plain", spec["charset"], spec["cte"], ct_extra)
        mid = "<%s-%s-%s-%s-%s@%s>" % (hexid(rng, 8, False), hexid(rng, 4, False),
                                       hexid(rng, 4, False), hexid(rng, 4, False),
                                       hexid(rng, 12, False), domain)
        extra = [("User-Agent", spec["agent"])]
        if spec["agent"].startswith("Mozilla"):
            extra.append(("Content-Language", spec["lang"]))
        return part, extra, mid
    if k == "gmail":
        text = spec["text"]
        htm = simple_html(text)
        if spec["quoted"] is not None:
            text = text.rstrip("\n") + "\n\n" + spec["quoted_head"] + "\n" + quote(spec["quoted"]) + "\n"
            qh = linkify(spec["quoted_head"])
            qb = "<br>".join(linkify(l) for l in spec["quoted"].rstrip("\n").split("\n"))
            htm += ('<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">%s<br></div>'
                    '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
                    'border-left:1px solid rgb(204,204,204);padding-left:1ex">%s</blockquote></div>' % (qh, qb))
        htm += "\n"
        tp = text_leaf(text, "plain", "UTF-8", spec["cte"])
        hp = text_leaf(htm, "html", "UTF-8", spec["cte"])
        bnd = "000000000000" + hexid(rng, 12, False)
        part = multipart("alternative", [tp, hp], bnd)
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
        mid = "<CA%s@mail.gmail.com>" % "".join(rng.choice(alphabet) for _ in range(44))
        return part, extra, mid
    if k == "apple":
        text = spec["text"]
        tp = text_leaf(text, "plain", "utf-8", "quoted-printable")
        body = "".join("<div>%s</div>" % (linkify(l) if l.strip() else "<br>") for l in text.split("\n"))
        htm = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
               '<body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">'
               '%s</body></html>' % body)
        hp = text_leaf(htm, "html", "utf-8", "quoted-printable")
        uid = "%s-%s-%s-%s-%s" % (hexid(rng, 8), hexid(rng, 4), hexid(rng, 4), hexid(rng, 4), hexid(rng, 12))
        part = multipart("alternative", [tp, hp], "Apple-Mail=_" + uid)
        mid = "<%s-%s-%s-%s-%s@%s>" % (hexid(rng, 8), hexid(rng, 4), hexid(rng, 4),
                                       hexid(rng, 4), hexid(rng, 12), domain)
        extra = [("X-Mailer", "Apple Mail (2.3774.500.171.1.1)")]
        return part, extra, mid
    if k == "iphone":
        text = spec["text"]
        if spec["quoted"] is not None:
            text = text + "\n\n" + quote(spec["quoted_head"] + "\n\n" + spec["quoted"]) + "\n"
        part = text_leaf(text, "plain", "utf-8", "quoted-printable", quote_cs=False)
        mid = "<%s-%s-%s-%s-%s@%s>" % (hexid(rng, 8), hexid(rng, 4), hexid(rng, 4),
                                       hexid(rng, 4), hexid(rng, 12), domain)
        extra = [("X-Mailer", "iPhone Mail (21E236)")]
        return part, extra, mid
    if k == "plain":
        part = text_leaf(spec["text"], "plain", spec["charset"], spec["cte"],
                         spec["ct_extra"], quote_cs=spec["quote_cs"])
        if spec["mailer"]:
            extra = [spec["mailer"]]
        mid = "<%s.%s@%s>" % (hexid(rng, 16, False), rng.randint(10**5, 10**6), domain)
        return part, extra, mid
    if k == "html":
        part = text_leaf(spec["markup"], "html", spec["charset"], spec["cte"])
        if spec["mailer"]:
            extra = [spec["mailer"]]
        mid = "<%s.%s@%s>" % (hexid(rng, 12, False), rng.randint(10**8, 10**9), domain)
        return part, extra, mid
    if k == "raw":
        mid = spec["mid"]
        if mid == "generic":
            mid = "<%s@%s>" % (hexid(rng, 24, False), domain)
        return spec["part"], spec["extra"], mid
    raise ValueError(k)


# ---------------------------------------------------------------------------
# messages
# ---------------------------------------------------------------------------

CASES = []

MX_HOSTS = {
    "o365": "mail-fr2deu01on%s.outbound.protection.outlook.com",
    "gmail": "mail-%s-f%d.google.com",
}


def received(rng, host, ip, when):
    qid = "4V" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(11))
    return ("from %s\n (%s [%s])\n by mx1.heinlein-support.de (Postfix) with ESMTPS id %s\n"
            " for <mail@heinlein-support.de>; %s" % (host, host, ip, qid, rfc_date(when)))


def mail(slug, when, lang, sender, subject, body, label, *, to=BOT, cc=None,
         reply_to=None, in_reply_to=None, references=None, extra=(),
         return_path=None, relay=None, subj_cs=("utf-8", "b"),
         name_cs=("utf-8", "b"), crlf=False, subject_raw=None, from_raw=None,
         tricky=None, mid=None):
    rng = random.Random("holdout:" + slug)
    name, email = sender
    domain = email.split("@")[1] if email else "localhost"
    if subject_raw is not None:
        subj_hdr = subject_raw
    else:
        subj_hdr = ew(subject, subj_cs[0], subj_cs[1], first=9)
        subj_hdr = fold_ascii(subj_hdr, 9)
    _EOL[0] = "\r\n" if crlf else "\n"
    part, cextra, cmid = build_body(body, rng, subj_hdr, domain)
    _EOL[0] = "\n"
    sent = when if when.second else when.replace(second=rng.randint(0, 59))
    arrive = sent + timedelta(seconds=rng.randint(3, 40))
    if relay is None:
        kind = body["kind"]
        if kind == "outlook" and body["style"] == "o365":
            relay = MX_HOSTS["o365"] % ("%04x" % rng.randint(0x2000, 0x2fff))
        elif kind == "gmail":
            relay = MX_HOSTS["gmail"] % (rng.choice(["wm1", "ed1", "lf1", "ej1"]), rng.randint(41, 99))
        elif domain in ("icloud.com", "me.com", "mac.com"):
            relay = "qs51p00im-qukt%08d.me.com" % rng.randint(10**6, 10**7)
        else:
            relay = "mail." + domain
    ip = "%s.%d" % (rng.choice(["192.0.2", "198.51.100", "203.0.113"]), rng.randint(2, 250))
    hdrs = []
    rp = return_path if return_path is not None else email
    hdrs.append(("Return-Path", "<%s>" % rp))
    hdrs.append(("Delivered-To", BOT))
    hdrs.append(("Received", received(rng, relay, ip, arrive)))
    hdrs.append(("From", from_raw if from_raw else addr(name, email, *name_cs)))
    hdrs.append(("To", to))
    if cc:
        hdrs.append(("Cc", cc))
    if reply_to:
        hdrs.append(("Reply-To", reply_to))
    hdrs.append(("Subject", subj_hdr))
    hdrs.append(("Date", rfc_date(sent)))
    hdrs.append(("Message-ID", mid or cmid))
    if in_reply_to:
        hdrs.append(("In-Reply-To", in_reply_to))
        hdrs.append(("References", references or in_reply_to))
    hdrs.extend(cextra)
    hdrs.extend(extra)
    hdrs.append(("MIME-Version", "1.0"))
    top_hdrs, top_body = part
    hdrs.extend(top_hdrs)
    hdrs = [(k, fold_long(k, v)) for k, v in hdrs]
    data = "".join("%s: %s\n" % (k, v) for k, v in hdrs).encode("utf-8") + b"\n" + top_body
    if not data.endswith(b"\n"):
        data += b"\n"
    if crlf:
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    reqs = label["requests"]
    if "reply" not in label:
        label["reply"] = not any(r["intent"] in ("auto_reply", "bounce", "spam") for r in reqs)
    CASES.append(dict(slug=slug, when=when, lang=lang, data=data, label=label,
                      tricky=tricky))


# label helpers ------------------------------------------------------------

RT, NT = "runder-tisch", "netzwerktag"


def rq(intent, event=None):
    return {"intent": intent, "event": event}


def person(name, email=None):
    return {"name": name, "email": email.lower() if email else None}


def lab(requests, contact=None, attendees=(), bounced=None):
    c = None
    if contact is not None:
        n, o, e = contact
        c = {"name": n, "organisation": o, "email": e.lower()}
    return {"requests": list(requests), "contact": c,
            "attendees": list(attendees), "bounced": bounced}


MACHINE = lambda intent, bounced=None: lab([rq(intent)], None, [], bounced)  # noqa: E731


# ---------------------------------------------------------------------------
# the organisers' own mails (quoted or returned in the cases)
# ---------------------------------------------------------------------------

INVITE_ID = "<einladung-runder-tisch-20240320@heinlein-support.de>"
INVITE_SUBJECT = "Einladung zum Runden Tisch „Open Source in Berlin“ am 18.04.2024"
INVITE_SENT = berlin(3, 20, 10, 0)
INVITE = """Sehr geehrte Damen und Herren,

wie kann Open Source in Berlin gemeinsam vorangebracht werden – in der
Verwaltung, in Unternehmen und in der Wissenschaft? Darüber möchten die
IHK Berlin und die Heinlein Gruppe mit Ihnen ins Gespräch kommen und
laden Sie herzlich ein zum

    Runder Tisch „Open Source in Berlin“
    Donnerstag, 18. April 2024, 13:00 bis 17:30 Uhr
    IHK Berlin, Ludwig Erhard Haus, Seminarraum 4 A 02
    Fasanenstraße 85, 10623 Berlin

Die Zahl der Plätze ist begrenzt. Bitte melden Sie sich bis spätestens
12. April 2024 per E-Mail an mail@heinlein-support.de an.

Bitte vormerken: Am Mittwoch, 19. Juni 2024, folgt in den Räumen der
IHK Berlin der Open-Source-Netzwerktag mit Showcases, einem Vortragstrack
„Open Source in der öffentlich-rechtlichen Vergabe“ und Einblicken in
das OSK sowie in die Open-Source-Strategie des Landes Berlin. Wer schon
jetzt vorgemerkt werden und Informationen erhalten möchte, dem genügt
eine kurze Nachricht an dieselbe Adresse.

Wir freuen uns auf Ihre Teilnahme!

Mit freundlichen Grüßen
IHK Berlin und Heinlein Gruppe
"""

CONFIRM_SUBJECT = "Bestätigung Ihrer Anmeldung: Runder Tisch „Open Source in Berlin“ am 18.04.2024"
NT_CONFIRM_SUBJECT = "Bestätigung Ihrer Anmeldung: Open Source-Netzwerktag am 19.06.2024"
PRENOTE_SUBJECT = "Ihre Vormerkung: Open Source-Netzwerktag am 19.06.2024"
PROGRAMME_SUBJECT = "Programm und Anmeldung: Open Source-Netzwerktag am 19.06.2024"
PROGRAMME_ID = "<programm-netzwerktag-20240603@heinlein-support.de>"
PROGRAMME_SENT = berlin(6, 3, 9, 30)
REMINDER_SUBJECT = "Erinnerung: Runder Tisch „Open Source in Berlin“ am 18.04.2024"


def confirm_text(name):
    return """Guten Tag %s,

Ihre Anmeldung ist bei uns eingegangen – vielen Dank! Wir freuen uns,
Sie begrüßen zu dürfen:

    Runder Tisch „Open Source in Berlin“
    Donnerstag, 18.04.2024, 13:00–17:30 Uhr
    IHK Berlin, Ludwig Erhard Haus, Seminarraum 4 A 02
    Fasanenstraße 85, 10623 Berlin

Sollten Sie verhindert sein, antworten Sie bitte kurz auf diese E-Mail,
damit wir den Platz weitergeben können.

Viele Grüße
Ihr Veranstaltungsteam der Heinlein Gruppe

--
Automatisch erstellte Nachricht
""" % name


def nt_confirm_text(name):
    return """Guten Tag %s,

vielen Dank für Ihre Anmeldung zum

    Open Source-Netzwerktag
    Mittwoch, 19.06.2024
    IHK Berlin, Ludwig Erhard Haus, Fasanenstraße 85, 10623 Berlin

Das ausführliche Programm mit den Zeiten der Showcases und des
Vortragstracks erhalten Sie einige Tage vorher.

Sollten Sie verhindert sein, antworten Sie bitte kurz auf diese E-Mail.

Viele Grüße
Ihr Veranstaltungsteam der Heinlein Gruppe

--
Automatisch erstellte Nachricht
""" % name


def prenote_text(name):
    return """Guten Tag %s,

danke für Ihr Interesse am Open Source-Netzwerktag am 19.06.2024 in der
IHK Berlin. Sie stehen auf unserer Vormerkliste; sobald Programm und
Anmeldung feststehen, melden wir uns bei Ihnen.

Wenn Sie keine weiteren Informationen mehr wünschen, genügt eine kurze
Antwort auf diese E-Mail.

Viele Grüße
Ihr Veranstaltungsteam der Heinlein Gruppe
""" % name


PROGRAMME = """Sehr geehrte Damen und Herren,

das Programm für den Open Source-Netzwerktag steht! Am Mittwoch,
19. Juni 2024, erwarten Sie in den Räumen der IHK Berlin:

  - Showcases Berliner Open-Source-Projekte aus Verwaltung und Wirtschaft
  - der Vortragstrack „Open Source in der öffentlich-rechtlichen Vergabe“
  - Einblicke in das OSK und die Open-Source-Strategie des Landes Berlin

Ab sofort können Sie sich verbindlich anmelden: Eine kurze E-Mail an
mail@heinlein-support.de mit den Namen aller Teilnehmenden genügt.

Mit freundlichen Grüßen
IHK Berlin und Heinlein Gruppe
"""


def outlook_quote_block(frm, sent, to, subject, text, cc=None):
    lines = ["Von: %s" % frm, "Gesendet: %s" % de_long(sent), "An: %s" % to]
    if cc:
        lines.append("Cc: %s" % cc)
    lines.append("Betreff: %s" % subject)
    return "\n".join(lines) + "\n\n" + text


HS = "Heinlein Support <mail@heinlein-support.de>"


def returned_confirmation(rcpt, name, when, cid, nt=False):
    """The bot's confirmation as it is returned inside a bounce."""
    subj = NT_CONFIRM_SUBJECT if nt else CONFIRM_SUBJECT
    text = nt_confirm_text(name) if nt else confirm_text(name)
    rng = random.Random("ret:" + rcpt)
    qid = "4V" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(11))
    hdrs = [
        ("Received", "from bot.heinlein-support.de (bot.heinlein-support.de [10.20.0.15])\n"
                     " by smtp-out.heinlein-support.de (Postfix) with ESMTPS id %s\n"
                     " for <%s>; %s" % (qid, rcpt, rfc_date(when))),
        ("From", HS),
        ("To", rcpt),
        ("Subject", ew(subj, "utf-8", "q", first=9)),
        ("Date", rfc_date(when - timedelta(seconds=1))),
        ("Message-ID", cid),
        ("Auto-Submitted", "auto-replied"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain; charset="utf-8"'),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ]
    return hdrs, qp(text.encode("utf-8"))


def returned_bytes(rcpt, name, when, cid, nt=False, headers_only=False):
    hdrs, body = returned_confirmation(rcpt, name, when, cid, nt)
    out = "".join("%s: %s\n" % (k, v) for k, v in hdrs).encode()
    if headers_only:
        return out
    return out + b"\n" + body


# ===========================================================================
# THE CASES
# ===========================================================================

# --- registrations --------------------------------------------------------

mail("antwort-einladung-voll-zitiert-ash", berlin(3, 20, 16, 7), "de",
     ("Wiebke Sanders", "wiebke.sanders@ash-berlin.eu"),
     "Re: " + INVITE_SUBJECT,
     thunderbird("""Liebe Kolleginnen und Kollegen,

den 18. April habe ich mir direkt im Kalender geblockt – nehmen Sie mich bitte in die Teilnehmerliste auf.

Herzliche Grüße
Wiebke Sanders

-- 
Prof. Dr. Wiebke Sanders
Professur für Digitalisierung und Soziale Arbeit
Alice Salomon Hochschule Berlin
Alice-Salomon-Platz 5, 12627 Berlin

Am 20.03.24 um 10:00 schrieb Heinlein Support:
""" + quote(INVITE) + "\n"),
     lab([rq("register", RT)],
         ("Prof. Dr. Wiebke Sanders", "Alice Salomon Hochschule Berlin", "wiebke.sanders@ash-berlin.eu"),
         [person("Prof. Dr. Wiebke Sanders", "wiebke.sanders@ash-berlin.eu")]),
     in_reply_to=INVITE_ID,
     tricky="Reply above the complete invitation, which itself says „vorgemerkt“, „Informationen“ and names the Netzwerktag; the new text never says „anmelden“ (only „Teilnehmerliste“); the title is only in the signature.")

mail("roundtable-moin-gmail", berlin(3, 21, 7, 52), "de",
     ("Kai Oltmanns", "kai.oltmanns@gmail.com"),
     "Roundtable 18.4.",
     gmail("""Moin,

tragt mich gern für den Roundtable ein, ich komm vorbei.

Kai
"""),
     lab([rq("register", RT)], ("Kai Oltmanns", None, "kai.oltmanns@gmail.com"),
         [person("Kai Oltmanns", "kai.oltmanns@gmail.com")]),
     tricky="„Roundtable“ instead of „Runder Tisch“, no „anmelden“; surname only in the From header.")

mail("grossbuchstaben-pensionaer", berlin(3, 21, 10, 31), "de",
     ("HORST KLEINSCHMIDT", "horst.kleinschmidt@t-online.de"),
     "ANMELDUNG RUNDER TISCH",
     plain("""SEHR GEEHRTE DAMEN UND HERREN,

HIERMIT MOECHTE ICH MICH ZU IHREM RUNDEN TISCH AM 18.04.2024 ANMELDEN.
ICH BIN SEIT 2009 PENSIONIERT UND BENUTZE SEIT VIELEN JAHREN LINUX.
ICH HOFFE, DASS AUCH INTERESSIERTE BUERGER TEILNEHMEN DUERFEN.

MIT FREUNDLICHEM GRUSS
HORST KLEINSCHMIDT
BERLIN-STEGLITZ
""", "us-ascii", "7bit", mailer=("X-Mailer", "Telekom Mail 5.2.1"), quote_cs=False),
     lab([rq("register", RT)], ("Horst Kleinschmidt", None, "horst.kleinschmidt@t-online.de"),
         [person("Horst Kleinschmidt", "horst.kleinschmidt@t-online.de")]),
     tricky="All capitals, umlauts transliterated; „ICH HOFFE, DASS … TEILNEHMEN DUERFEN“ is no question; „BERLIN-STEGLITZ“ is a place, not an organisation.")

mail("studentin-kleinschrift-wildau", berlin(3, 22, 23, 48), "de",
     (None, "lea-marie.hofstetter@stud.th-wildau.de"),
     "anmeldug runder tisch",
     plain("""hallo,

ich wuerde mich gern fuer den runden tisch am 18.4 anmelden, bin studentin
(wirtschaftsinformatik, 6. semester) an der th wildau und schreibe grad
meine bachelorarbeit ueber open source in der verwaltung. waere super wenn
das klappt!

viele gruesse
lea-marie hofstetter
""", "utf-8", "quoted-printable", mailer=("User-Agent", "Roundcube Webmail/1.6.6")),
     lab([rq("register", RT)], ("Lea-Marie Hofstetter", "TH Wildau", "lea-marie.hofstetter@stud.th-wildau.de"),
         [person("Lea-Marie Hofstetter", "lea-marie.hofstetter@stud.th-wildau.de")]),
     tricky="No display name, everything lower case, typo in the subject („anmeldug“); organisation only in the running text („an der th wildau“).")

mail("english-cofounders-kanalkraft", berlin(3, 22, 14, 20), "en",
     ("Johanna Pfeiffer", "johanna@kanalkraft.io"),
     "Round table April 18 – two of us",
     gmail("""Hi Heinlein team,

thanks for putting this together! My co-founder Tarik Erdem (tarik.erdem@kanalkraft.io) and I would love to join the round table on April 18. We build open-source tooling for municipal energy data, so the public-procurement angle is very relevant for us.

Best,
Johanna

--
Johanna Pfeiffer
Co-founder & CEO | Kanalkraft Labs GmbH
https://kanalkraft.io
"""),
     lab([rq("register", RT)], ("Johanna Pfeiffer", "Kanalkraft Labs GmbH", "johanna@kanalkraft.io"),
         [person("Johanna Pfeiffer", "johanna@kanalkraft.io"),
          person("Tarik Erdem", "tarik.erdem@kanalkraft.io")]),
     subj_cs=("utf-8", "q"),
     tricky="English; role and company on one line separated by „|“.")

mail("vorzimmer-staatssekretaer-cp1252", berlin(3, 25, 9, 5), "de",
     ("Wunsch, Gabriele", "Gabriele.Wunsch@kultur.berlin.de"),
     "Anmeldung Herr StS Dr. Lorenzen – Runder Tisch 18.04.2024",
     outlook("""Sehr geehrte Damen und Herren,

im Auftrag von Herrn Staatssekretär Dr. Achim Lorenzen melde ich ihn für den Runden Tisch „Open Source in Berlin“ am 18. April an. Herr Dr. Lorenzen kommt aus einem vorherigen Termin und wird daher voraussichtlich erst gegen 14:00 Uhr eintreffen.

Für Rückfragen stehe ich Ihnen gern zur Verfügung.

Mit freundlichen Grüßen
Im Auftrag
Gabriele Wunsch

Senatsverwaltung für Kultur und Gesellschaftlichen Zusammenhalt
Büro des Staatssekretärs
Brunnenstraße 188-190, 10119 Berlin
Tel.: +49 30 90228-3105
""", charset="windows-1252"),
     lab([rq("register", RT)],
         ("Gabriele Wunsch", "Senatsverwaltung für Kultur und Gesellschaftlichen Zusammenhalt", "gabriele.wunsch@kultur.berlin.de"),
         [person("Dr. Achim Lorenzen", None)]),
     subj_cs=("windows-1252", "q"),
     tricky="Assistant registers the state secretary; she does not attend; „Staatssekretär“ is an office, not part of the name; late arrival is a remark, not a question; windows-1252 subject with 0x96 dash.")

mail("barnim-liste-mit-adressen", berlin(3, 26, 11, 18), "de",
     ("Rieger, Tanja", "Tanja.Rieger@kvbarnim.de"),
     "Runder Tisch 18.04. – Anmeldung Landkreis Barnim (3 Personen)",
     outlook("""Guten Tag,

aus unserer Kreisverwaltung möchten drei Personen am Runden Tisch teilnehmen:

- Jens Ahlers, Leiter IT-Service (jens.ahlers@kvbarnim.de)
- Merve Aksoy, Digitalisierungslotsin (merve.aksoy@kvbarnim.de)
- meine Wenigkeit

Auch wenn wir nicht in Berlin sitzen, ist das Thema für uns als Nachbarkreis spannend.

Viele Grüße
Tanja Rieger

Landkreis Barnim
Stabsstelle Digitalisierung
Am Markt 1, 16225 Eberswalde
Tel. 03334 214-1620
"""),
     lab([rq("register", RT)], ("Tanja Rieger", "Landkreis Barnim", "tanja.rieger@kvbarnim.de"),
         [person("Tanja Rieger", "tanja.rieger@kvbarnim.de"),
          person("Jens Ahlers", "jens.ahlers@kvbarnim.de"),
          person("Merve Aksoy", "merve.aksoy@kvbarnim.de")]),
     tricky="Dash list; the sender is the last item („meine Wenigkeit“) but comes first in attendees.")

mail("stadtwerke-nummeriert-latin1", berlin(3, 27, 13, 40), "de",
     ("Ruppert, Konstantin", "Konstantin.Ruppert@berlinerstadtwerke.de"),
     "Anmeldung zum Runden Tisch",
     outlook("""Sehr geehrte Damen und Herren,

hiermit melde ich mich sowie zwei Kolleginnen aus meinem Bereich zum Runden Tisch am 18. April an:

1. Dr. Sibylle Kranz
2. Aylin Özdemir

Mit freundlichen Grüßen

Konstantin Ruppert
Bereichsleiter IT-Infrastruktur

Berliner Stadtwerke GmbH
Hallerstraße 6, 10587 Berlin
""", charset="iso-8859-1", style="desktop"),
     lab([rq("register", RT)], ("Konstantin Ruppert", "Berliner Stadtwerke GmbH", "konstantin.ruppert@berlinerstadtwerke.de"),
         [person("Konstantin Ruppert", "konstantin.ruppert@berlinerstadtwerke.de"),
          person("Dr. Sibylle Kranz", None), person("Aylin Özdemir", None)]),
     tricky="„mich sowie zwei Kolleginnen“ + numbered list without the sender; iso-8859-1 Outlook desktop.")

mail("spk-drei-namen-komma-apple", berlin(3, 28, 10, 2), "de",
     ("Martina Ebel", "m.ebel@hv.spk-berlin.de"),
     "Runder Tisch: drei Anmeldungen",
     apple("""Liebes Organisationsteam,

für die Stiftung melde ich Nele Hartung, Yusuf Demirci und Clara Vos zum Runden Tisch an. Ich selbst bin in der Woche leider im Urlaub, die drei vertreten uns aber bestens.

Herzliche Grüße
Martina Ebel

Martina Ebel
Referat Digitale Strategie
Stiftung Preußischer Kulturbesitz
Von-der-Heydt-Straße 16-18, 10785 Berlin
"""),
     lab([rq("register", RT)], ("Martina Ebel", "Stiftung Preußischer Kulturbesitz", "m.ebel@hv.spk-berlin.de"),
         [person("Nele Hartung"), person("Yusuf Demirci"), person("Clara Vos")]),
     tricky="Comma list of three; „Ich selbst bin … im Urlaub“ excludes the sender and is no cancellation.")

VCARD = """BEGIN:VCARD
VERSION:3.0
N:Kessler;Ronja;;;
FN:Ronja Kessler
ORG:Havelbit GmbH
TITLE:Teamleitung Entwicklung
EMAIL;TYPE=work:r.kessler@havelbit.de
TEL;TYPE=work:+49 30 3384 7712
END:VCARD
"""

_hav_text = wrap("""Hallo liebes Orga-Team,

für den Runden Tisch am 18.04. melden wir uns zu dritt an:

Name              E-Mail                   Rolle
----------------  -----------------------  ------------------------
Dr. Sven Harms    s.harms@havelbit.de      Geschäftsführung
Ronja Kessler     r.kessler@havelbit.de    Teamleitung Entwicklung
Emil Osterkamp    e.osterkamp@havelbit.de  Werkstudent

Meine Kontaktkarte hänge ich an, falls Sie Rückfragen haben.

Beste Grüße
Ronja Kessler

-- 
Havelbit GmbH
Am Spreebord 9, 10589 Berlin
www.havelbit.de

Geschäftsführer: Dr. Sven Harms, Malte Jessen
Registergericht: Amtsgericht Charlottenburg, HRB 219845 B
""")
mail("havelbit-tabelle-vcard", berlin(4, 2, 9, 33), "de",
     ("Ronja Kessler", "r.kessler@havelbit.de"),
     "Anmeldung Runder Tisch – Havelbit (3 Personen)",
     raw(multipart("mixed", [
         text_leaf(_hav_text, "plain", "UTF-8", "8bit"),
         leaf('text/vcard; charset=UTF-8; name="ronja_kessler.vcf"', b64(VCARD.encode()), "base64",
              [("Content-Disposition", 'attachment; filename="ronja_kessler.vcf"')]),
     ], "------------HgQ3cz0yT1vJb8kNwRmP2x4L", preamble="This is a multi-part message in MIME format."),
         [("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "de-DE")],
         mid="<4f1c9b2e-7a3d-4e61-9c0a-58b2d7e1f3a6@havelbit.de>"),
     lab([rq("register", RT)], ("Ronja Kessler", "Havelbit GmbH", "r.kessler@havelbit.de"),
         [person("Ronja Kessler", "r.kessler@havelbit.de"),
          person("Dr. Sven Harms", "s.harms@havelbit.de"),
          person("Emil Osterkamp", "e.osterkamp@havelbit.de")]),
     tricky="Attendees in a plain-text table with the sender in the middle row; the managing director in the legal footer is also an attendee, his co-director is not; vCard attachment.")

mail("hackspace-zu-viert-mutt", berlin(4, 3, 20, 15), "de",
     ("Björn Tessmann", "bjoern@hackspace-wedding.org"),
     "18.4. - wir kommen zu viert",
     thunderbird("""Hallo,

vom Hackspace kommen wir zum Runden Tisch zu viert. Namen reiche ich nach, sobald klar ist, wer sich freinehmen kann.

Gruß
Björn

-- 
Björn Tessmann
Hackspace Wedding e.V. – Vorstand
https://hackspace-wedding.org
""", agent="NeoMutt/20231103"),
     lab([rq("register", RT)], ("Björn Tessmann", "Hackspace Wedding e.V.", "bjoern@hackspace-wedding.org"),
         [person("Björn Tessmann", "bjoern@hackspace-wedding.org"),
          person(None), person(None), person(None)]),
     name_cs=("utf-8", "q"),
     tricky="„zu viert“ with names to follow: three unnamed companions; the role after the dash is not part of the organisation.")

mail("english-colleague-in-cc-weizenbaum", berlin(4, 4, 15, 47), "en",
     ("Sandvik, Marcus", "Marcus.Sandvik@weizenbaum-institut.de"),
     "Registration: Open Source Round Table, 18 April",
     outlook("""Dear organisers,

my colleague Adaeze (in cc) and I would like to register for the round table on 18 April. We are both working on a study about open-source adoption in German municipalities and would be glad to contribute to the discussion.

Kind regards,
Marcus Sandvik

Dr. Marcus Sandvik
Research Group Digital Public Infrastructure
Weizenbaum-Institut e.V.
Hardenbergstraße 32, 10623 Berlin
""", lang="en-GB"),
     lab([rq("register", RT)], ("Dr. Marcus Sandvik", "Weizenbaum-Institut e.V.", "marcus.sandvik@weizenbaum-institut.de"),
         [person("Dr. Marcus Sandvik", "marcus.sandvik@weizenbaum-institut.de"),
          person("Adaeze Okafor", "adaeze.okafor@weizenbaum-institut.de")]),
     cc='"Okafor, Adaeze" <Adaeze.Okafor@weizenbaum-institut.de>',
     tricky="The colleague's surname and address are only in the Cc header („Okafor, Adaeze“).")

mail("beide-termine-landesarchiv-latin1", berlin(3, 26, 8, 41), "de",
     ("Kaminski, Dariusz", "Dariusz.Kaminski@landesarchiv.berlin.de"),
     "Anmeldung: 18.04. und 19.06.",
     outlook("""Guten Morgen,

ich möchte mich gern für beide Termine anmelden, also für den Runden Tisch am 18. April und für den Netzwerktag am 19. Juni.

Mit besten Grüßen
Dariusz Kaminski
Referent IT-Strategie

Landesarchiv Berlin
Eichborndamm 115-121, 13403 Berlin
""", charset="iso-8859-1", style="desktop"),
     lab([rq("register", RT), rq("register", NT)],
         ("Dariusz Kaminski", "Landesarchiv Berlin", "dariusz.kaminski@landesarchiv.berlin.de"),
         [person("Dariusz Kaminski", "dariusz.kaminski@landesarchiv.berlin.de")]),
     tricky="Registers for both events in March, while the Netzwerktag is still in its pre-notification phase: „anmelden“ is a registration.")

mail("os-netzwerktag-anmeldung-apple", berlin(6, 5, 12, 10), "de",
     ("Moritz Hagedorn", "moritz.hagedorn@quellwerk.de"),
     "Anmeldung OS-Netzwerktag",
     apple("""Hallo zusammen,

hiermit melde ich mich für den OS-Netzwerktag am 19.6. an. Das Programm sieht super aus!

Viele Grüße aus Friedrichshain
Moritz Hagedorn

Quellwerk Software GmbH
Boxhagener Straße 18, 10245 Berlin
"""),
     lab([rq("register", NT)], ("Moritz Hagedorn", "Quellwerk Software GmbH", "moritz.hagedorn@quellwerk.de"),
         [person("Moritz Hagedorn", "moritz.hagedorn@quellwerk.de")]),
     tricky="„OS-Netzwerktag“ abbreviation and date „19.6.“.")

mail("netzwerk-tag-teampostfach", berlin(6, 11, 17, 22), "de",
     ("Open Data Kollektiv", "team@opendata-kollektiv.de"),
     "Netzwerk-Tag 19.06. - 2 Plätze",
     thunderbird("""Hallo,

wir würden gern zu zweit zum Netzwerk-Tag kommen: Lukas Brenneke und ich.

Liebe Grüße
Paula Eckert
Open Data Kollektiv Berlin e.V.
"""),
     lab([rq("register", NT)], ("Paula Eckert", "Open Data Kollektiv Berlin e.V.", "team@opendata-kollektiv.de"),
         [person("Paula Eckert", "team@opendata-kollektiv.de"), person("Lukas Brenneke", None)]),
     tricky="Team mailbox whose display name is the organisation; the person is only in the signature; „Netzwerk-Tag“ with hyphen; colleague gets no address.")

mail("frist-verpasst-samstag", berlin(4, 13, 10, 26), "de",
     ("Thamsen, Henrike Dr.", "Henrike.Thamsen@rechnungshof.berlin.de"),
     "Noch ein Platz frei?",
     outlook("""Sehr geehrte Damen und Herren,

leider habe ich die Anmeldefrist gestern verpasst. Gibt es für Donnerstag dennoch einen freien Platz in der IHK? Ich würde sehr gern teilnehmen.

Mit freundlichen Grüßen
Dr. Henrike Thamsen
Rechnungshof von Berlin
Prüfungsgebiet IT und Digitalisierung
An der Urania 4-10, 10787 Berlin
"""),
     lab([rq("register", RT)], ("Dr. Henrike Thamsen", "Rechnungshof von Berlin", "henrike.thamsen@rechnungshof.berlin.de"),
         [person("Dr. Henrike Thamsen", "henrike.thamsen@rechnungshof.berlin.de")]),
     tricky="Saturday after the deadline; the event is only „Donnerstag“ + „Anmeldefrist“ + „IHK“; phrased as a question („Gibt es … einen freien Platz?“) — register, not question; display name with trailing title.")

mail("sofern-kapazitaet-klinikverbund-cp1252", berlin(4, 10, 14, 55), "de",
     ("Thorsten Grabowski", "t.grabowski@klinikverbund-spree.de"),
     "Runder Tisch am 18.04.",
     outlook("""Sehr geehrte Damen und Herren,

sofern es die Kapazitäten noch zulassen, wäre ich am 18.04. gern beim Runden Tisch dabei. Wir stellen gerade unsere Kliniksoftware schrittweise auf offene Komponenten um und würden uns gern mit der Verwaltung austauschen.

Freundliche Grüße
Thorsten Grabowski
Leiter Informationstechnologie

Klinikverbund Spree gGmbH
Wilhelminenhofstraße 76, 12459 Berlin
www.klinikverbund-spree.de

Geschäftsführung: Prof. Dr. Ines Kallweit, Rüdiger Thamm
Sitz der Gesellschaft: Berlin – Amtsgericht Charlottenburg HRB 45521 B
""", charset="windows-1252", style="desktop"),
     lab([rq("register", RT)], ("Thorsten Grabowski", "Klinikverbund Spree gGmbH", "t.grabowski@klinikverbund-spree.de"),
         [person("Thorsten Grabowski", "t.grabowski@klinikverbund-spree.de")]),
     tricky="Conditional („sofern es die Kapazitäten noch zulassen, wäre ich … dabei“) without „anmelden“; managing directors in the footer.")

_fw_invite = outlook_quote_block(HS, INVITE_SENT, "Dörfler, Klaus <Klaus.Doerfler@teltow.de>", INVITE_SUBJECT, INVITE)
mail("weiterleitung-chef-notiz-teltow", berlin(3, 28, 8, 30), "de",
     ("Schenk, Mario", "Mario.Schenk@teltow.de"),
     "WG: " + INVITE_SUBJECT,
     outlook("""Guten Morgen,

ich möchte mich hiermit für den Runden Tisch anmelden (Einladung unten).

Beste Grüße
Mario Schenk
Stadt Teltow
Fachbereich Zentrale Dienste – IT
Marktplatz 1-3, 14513 Teltow

""" + outlook_quote_block("Dörfler, Klaus <Klaus.Doerfler@teltow.de>", berlin(3, 27, 16, 12),
                            "Schenk, Mario <Mario.Schenk@teltow.de>; Ilgner, Petra <Petra.Ilgner@teltow.de>",
                            "WG: " + INVITE_SUBJECT, """Hallo Mario, hallo Petra,

wäre das etwas für euch? Einer von euch sollte hin, ich selbst bin an dem Tag in der Stadtverordnetenversammlung.

Klaus

""" + _fw_invite)),
     lab([rq("register", RT)], ("Mario Schenk", "Stadt Teltow", "mario.schenk@teltow.de"),
         [person("Mario Schenk", "mario.schenk@teltow.de")]),
     tricky="Forward of a forward: the boss's internal note and a second colleague (Petra Ilgner) are in the quoted part and add nothing; the invitation quote says „vorgemerkt“.")

mail("keine-infos-nur-anmeldung-kiefernwerk", berlin(3, 25, 13, 12), "de",
     ("Nils Quandt", "n.quandt@kiefernwerk.de"),
     "Anmeldung Runder Tisch",
     outlook("""Hallo,

bitte melden Sie mich für den Runden Tisch am 18.04. an. Für den Netzwerktag brauche ich keine Vormerkung, Infos dazu also bitte nicht.

Gruß
Nils Quandt
Kiefernwerk Software GmbH
Gerichtstraße 23, 13347 Berlin
""", style="desktop"),
     lab([rq("register", RT)], ("Nils Quandt", "Kiefernwerk Software GmbH", "n.quandt@kiefernwerk.de"),
         [person("Nils Quandt", "n.quandt@kiefernwerk.de")]),
     tricky="Negated pre-notification („brauche ich keine Vormerkung, Infos dazu also bitte nicht“): no info_request for the Netzwerktag.")

_conf_quandt = outlook_quote_block(HS, berlin(3, 25, 13, 14), "n.quandt@kiefernwerk.de",
                                   CONFIRM_SUBJECT, confirm_text("Nils Quandt"))
mail("bestaetigung-kollege-nachmelden", berlin(4, 3, 10, 47), "de",
     ("Nils Quandt", "n.quandt@kiefernwerk.de"),
     "AW: " + CONFIRM_SUBJECT,
     outlook("""Hallo,

danke für die Bestätigung. Wäre es möglich, dass mein Kollege Frederik Holm (f.holm@kiefernwerk.de) ebenfalls teilnimmt? Er betreut bei uns die Projekte mit den Kommunen.

Gruß
Nils Quandt
Kiefernwerk Software GmbH

-----Ursprüngliche Nachricht-----
""" + _conf_quandt, style="desktop"),
     lab([rq("register", RT)], ("Nils Quandt", "Kiefernwerk Software GmbH", "n.quandt@kiefernwerk.de"),
         [person("Frederik Holm", "f.holm@kiefernwerk.de")]),
     in_reply_to="<confirm-20240325-0037@heinlein-support.de>",
     tricky="Reply to his own confirmation asking whether a colleague may come too: only the colleague is registered; the quoted confirmation says „Sollten Sie verhindert sein“.")

mail("iphone-am-18-platz", berlin(4, 2, 18, 44), "de",
     ("Carola Weinert", "carola.weinert@me.com"),
     "IHK am 18.",
     iphone("""Hallo, für den 18. bitte einen Platz für mich reservieren. Danke und Gruß, Carola Weinert

Von meinem iPhone gesendet"""),
     lab([rq("register", RT)], ("Carola Weinert", None, "carola.weinert@me.com"),
         [person("Carola Weinert", "carola.weinert@me.com")]),
     tricky="Event only as „am 18.“ / „IHK“; „Platz reservieren“ instead of „anmelden“.")

mail("betreff-datum-zlb", berlin(4, 4, 9, 12), "de",
     ("Borchert, Ilse", "Ilse.Borchert@zlb.de"),
     "Teilnahme 18.04.",
     outlook("""Sehr geehrte Damen und Herren,

gerne nehme ich teil.

Freundliche Grüße
Ilse Borchert

Zentral- und Landesbibliothek Berlin
Stiftung des öffentlichen Rechts
Abteilung IT-Dienste
Blücherplatz 1, 10961 Berlin
"""),
     lab([rq("register", RT)], ("Ilse Borchert", "Zentral- und Landesbibliothek Berlin", "ilse.borchert@zlb.de"),
         [person("Ilse Borchert", "ilse.borchert@zlb.de")]),
     tricky="Body says only „gerne nehme ich teil“; the event is only the date in the subject; legal-form line below the organisation.")

mail("english-thursday-gmail", berlin(4, 16, 21, 3), "en",
     ("Ravi Chandrasekaran", "ravi@tidepool-analytics.com"),
     "Thursday – still possible?",
     gmail("""Hello,

I only just saw the invite (a friend at the IHK forwarded it to me). Any chance I can still join on Thursday? Happy to stand at the back if the room is full.

Cheers,
Ravi

Ravi Chandrasekaran
Founder, Tidepool Analytics
Berlin
"""),
     lab([rq("register", RT)], ("Ravi Chandrasekaran", "Tidepool Analytics", "ravi@tidepool-analytics.com"),
         [person("Ravi Chandrasekaran", "ravi@tidepool-analytics.com")]),
     tricky="English, after the deadline, event only as „Thursday“ and „the invite“, phrased as a question.")

mail("im-juni-thunderbird", berlin(6, 4, 9, 20), "de",
     ("Wolfgang Tiedemann", "w.tiedemann@weiterbildungswerk-spree.de"),
     "Anmeldung Juni",
     thunderbird("""Guten Tag,

im Juni bin ich gern dabei – bitte melden Sie mich für die Veranstaltung in der IHK an. Ihr Programm habe ich gestern erhalten.

Mit freundlichen Grüßen
Wolfgang Tiedemann
Dozent für IT-Weiterbildung
Weiterbildungswerk Spree gGmbH
"""),
     lab([rq("register", NT)], ("Wolfgang Tiedemann", "Weiterbildungswerk Spree gGmbH", "w.tiedemann@weiterbildungswerk-spree.de"),
         [person("Wolfgang Tiedemann", "w.tiedemann@weiterbildungswerk-spree.de")]),
     tricky="Netzwerktag named only as „im Juni“ and „die Veranstaltung in der IHK“.")

mail("19-6-zwei-personen", berlin(6, 7, 11, 5), "de",
     ("Tellkamp, Markus", "Markus.Tellkamp@kreativquartier-digital.de"),
     "19.6.",
     outlook("""Hallo,

Anmeldung für den 19.6.: zwei Personen, nämlich ich und meine Kollegin Gül Arslan (g.arslan@kreativquartier-digital.de).

Danke & Gruß
Markus Tellkamp
Kreativquartier Digital GmbH | Produktentwicklung
"""),
     lab([rq("register", NT)], ("Markus Tellkamp", "Kreativquartier Digital GmbH", "markus.tellkamp@kreativquartier-digital.de"),
         [person("Markus Tellkamp", "markus.tellkamp@kreativquartier-digital.de"),
          person("Gül Arslan", "g.arslan@kreativquartier-digital.de")]),
     tricky="Event only as „19.6.“ in subject and body.")

mail("round-table-gespraech-senmvku-cp1252", berlin(3, 27, 10, 9), "de",
     ("Vietz, Hannelore", "Hannelore.Vietz@senmvku.berlin.de"),
     "Round-Table-Gespräch am 18. April – Anmeldung",
     outlook("""Sehr geehrte Damen und Herren,

zum Round-Table-Gespräch von IHK Berlin und Heinlein Gruppe am 18. April melde ich mich hiermit verbindlich an.

Mit freundlichen Grüßen

Dr. Hannelore Vietz
Senatsverwaltung für Mobilität, Verkehr, Klimaschutz und Umwelt
Abteilung Z – Referat Informationstechnik
Am Köllnischen Park 3, 10179 Berlin
""", charset="windows-1252", style="desktop"),
     lab([rq("register", RT)],
         ("Dr. Hannelore Vietz", "Senatsverwaltung für Mobilität, Verkehr, Klimaschutz und Umwelt", "hannelore.vietz@senmvku.berlin.de"),
         [person("Dr. Hannelore Vietz", "hannelore.vietz@senmvku.berlin.de")]),
     subj_cs=("windows-1252", "q"),
     tricky="„Round-Table-Gespräch“; organisation name with commas; title only in the signature.")

mail("kanzlei-disclaimer-loeschen", berlin(4, 5, 16, 40), "de",
     ("Dr. Friederike Ostermann", "f.ostermann@brueckner-ostermann.de"),
     "Anmeldung – Runder Tisch Open Source",
     outlook("""Sehr geehrte Damen und Herren,

als Rechtsanwältin mit Schwerpunkt Vergabe- und IT-Recht verfolge ich das Thema seit Jahren und melde mich hiermit gern zum Runden Tisch an.

Mit freundlichen Grüßen

Dr. Friederike Ostermann
Rechtsanwältin | Fachanwältin für Vergaberecht

Brückner & Ostermann Rechtsanwälte PartG mbB
Kurfürstendamm 61, 10707 Berlin
Tel. +49 30 887 114-20 | Fax +49 30 887 114-29

Partner: Jan Brückner, Dr. Friederike Ostermann
Sitz Berlin, Partnerschaftsregister AG Charlottenburg PR 1187 B

Diese Nachricht ist ausschließlich für den bezeichneten Empfänger bestimmt und kann vertrauliche oder dem Anwaltsgeheimnis unterliegende Informationen enthalten. Sollten Sie nicht der vorgesehene Empfänger sein, benachrichtigen Sie uns bitte umgehend und löschen Sie diese E-Mail einschließlich etwaiger Anhänge. Jede Weitergabe oder Vervielfältigung ist unzulässig. Informationen zum Datenschutz finden Sie unter www.brueckner-ostermann.de/datenschutz.
"""),
     lab([rq("register", RT)], ("Dr. Friederike Ostermann", "Brückner & Ostermann Rechtsanwälte PartG mbB", "f.ostermann@brueckner-ostermann.de"),
         [person("Dr. Friederike Ostermann", "f.ostermann@brueckner-ostermann.de")]),
     tricky="Legal disclaimer says „löschen Sie diese E-Mail“ and „Datenschutz“: still only a registration; the sender is also one of the partners named in the footer.")

mail("presse-html-only-entities", berlin(4, 8, 12, 30), "de",
     ("Jannik Voßkamp", "j.vosskamp@hauptstadtbrief-digital.de"),
     "Presseanmeldung Runder Tisch 18.04.",
     html_only("""<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:14px">
<p>Guten Tag,</p>
<p>ich bin Redakteur beim Hauptstadtbrief Digital und w&uuml;rde gern &uuml;ber den Runden Tisch &bdquo;Open Source in Berlin&ldquo; am 18.&nbsp;April berichten. Hiermit melde ich mich als Pressevertreter an.</p>
<p>Beste Gr&uuml;&szlig;e<br>
Jannik Vo&szlig;kamp</p>
<p style="color:#777777;font-size:12px">Redaktion Verwaltung &amp; Technik<br>
Hauptstadtbrief Digital<br>
<a href="mailto:j.vosskamp@hauptstadtbrief-digital.de">j.vosskamp@hauptstadtbrief-digital.de</a> &middot; +49 30 2098 4412</p>
</body></html>
""", charset="utf-8", cte="quoted-printable", mailer=("X-Mailer", "Open-Xchange Mailer v7.10.6-Rev61")),
     lab([rq("register", RT)], ("Jannik Voßkamp", "Hauptstadtbrief Digital", "j.vosskamp@hauptstadtbrief-digital.de"),
         [person("Jannik Voßkamp", "j.vosskamp@hauptstadtbrief-digital.de")]),
     name_cs=("utf-8", "q"),
     tricky="HTML only, all umlauts and ß as entities; press registration; the unit line „Redaktion Verwaltung & Technik“ is not the organisation.")

mail("gmail-base64-geschaeftspartner", berlin(4, 9, 7, 58), "de",
     ("Derya Kocaman", "derya.kocaman.it@gmail.com"),
     "Anmeldung 18.04. (2 Personen)",
     gmail("""Guten Morgen,

bitte melden Sie mich und meinen Geschäftspartner Henning Paasch (henning.paasch@web.de) für den Runden Tisch am 18.04. an. Wir sind beide freiberuflich als Open-Source-Berater:innen unterwegs.

Vielen Dank!
Derya Kocaman
""", cte="base64"),
     lab([rq("register", RT)], ("Derya Kocaman", None, "derya.kocaman.it@gmail.com"),
         [person("Derya Kocaman", "derya.kocaman.it@gmail.com"),
          person("Henning Paasch", "henning.paasch@web.de")]),
     crlf=True,
     tricky="Both parts base64, CRLF line endings; freelancers, so no organisation.")

mail("ihk-mitglied-iso-8859-15", berlin(4, 11, 17, 2), "de",
     ("Ernst Kowalewski", "info@kowalewski-buerotechnik.de"),
     "Teilnahme Runder Tisch",
     thunderbird("""Sehr geehrte Damen und Herren,

als langjähriges IHK-Mitglied möchte ich gern am Runden Tisch teilnehmen. Wir betreuen rund 40 kleine Betriebe, die zunehmend nach Linux-Alternativen fragen.

MfG
Ernst Kowalewski

Kowalewski Bürotechnik e.K.
Inhaber: Ernst Kowalewski
Teltower Damm 112, 14167 Berlin
Tel. 030 815 33 20
""", charset="iso-8859-15", cte="quoted-printable"),
     lab([rq("register", RT)], ("Ernst Kowalewski", "Kowalewski Bürotechnik e.K.", "info@kowalewski-buerotechnik.de"),
         [person("Ernst Kowalewski", "info@kowalewski-buerotechnik.de")]),
     name_cs=("iso-8859-15", "q"),
     tricky="iso-8859-15 body; info@ address of a one-man business; „IHK-Mitglied“ — the IHK is not his organisation.")

mail("reply-to-sekretariat-charite", berlin(3, 21, 15, 30), "de",
     ("Prof. Dr. med. Konrad Weißenborn", "konrad.weissenborn@charite.de"),
     "Runder Tisch Open Source 18.04.2024",
     outlook("""Sehr geehrte Damen und Herren,

gern nehme ich am Runden Tisch am 18. April teil. Korrespondenz zur Organisation richten Sie bitte an mein Sekretariat (Frau Kern), das als Antwortadresse eingetragen ist.

Mit freundlichen Grüßen
Konrad Weißenborn

Prof. Dr. med. Konrad Weißenborn
Institut für Medizinische Informatik
Charité – Universitätsmedizin Berlin
Charitéplatz 1, 10117 Berlin
"""),
     lab([rq("register", RT)],
         ("Prof. Dr. med. Konrad Weißenborn", "Charité – Universitätsmedizin Berlin", "sekretariat-medinf@charite.de"),
         [person("Prof. Dr. med. Konrad Weißenborn", "konrad.weissenborn@charite.de")]),
     reply_to='"Sekretariat Prof. Weissenborn" <sekretariat-medinf@charite.de>',
     tricky="Reply-To to the secretariat (contact address) while the professor keeps his own address as attendee; the dash belongs to the organisation's name; „Frau Kern“ is not an attendee.")

mail("english-roundtable-and-list", berlin(3, 29, 11, 0), "en",
     ("Elena Popescu", "elena.popescu@openinfra-consult.eu"),
     "Round table + network day",
     thunderbird("""Hello,

please sign me up for the round table on 18 April. And could you put me on the list for the network day in June as well? I'd like to get the details once they're out.

Thanks a lot,
Elena Popescu
OpenInfra Consult SRL – Berlin office
""", lang="en-US"),
     lab([rq("register", RT), rq("info_request", NT)],
         ("Elena Popescu", "OpenInfra Consult SRL", "elena.popescu@openinfra-consult.eu"),
         [person("Elena Popescu", "elena.popescu@openinfra-consult.eu")]),
     tricky="English; „put me on the list“ for the network day is info_request, not registration; Good Friday.")

mail("ibb-netzwerktag-schon-im-mai", berlin(5, 14, 9, 37), "de",
     ("Ullrich, Frank", "Frank.Ullrich@ibb.de"),
     "Anmeldung Open-Source-Netzwerktag 19.06.2024",
     outlook("""Sehr geehrte Damen und Herren,

ich möchte mich bereits jetzt verbindlich für den Open-Source-Netzwerktag am 19. Juni anmelden. Der Vortragstrack zur Vergabe ist für uns besonders interessant.

Mit freundlichen Grüßen
Frank Ullrich

Investitionsbank Berlin
Bereich IT-Governance
Bundesallee 210, 10719 Berlin
"""),
     lab([rq("register", NT)], ("Frank Ullrich", "Investitionsbank Berlin", "frank.ullrich@ibb.de"),
         [person("Frank Ullrich", "frank.ullrich@ibb.de")]),
     tricky="Binding registration in May, before the programme mail opened registration: still register; interest in the procurement track is no question.")

_prenote_jule = prenote_text("Jule Stellmacher")
mail("vormerkung-jetzt-ich-komme-gmail", berlin(6, 5, 20, 33), "de",
     ("Jule Stellmacher", "jule.stellmacher@gmail.com"),
     "Re: " + PRENOTE_SUBJECT,
     gmail("""Hallo,

jetzt wo das Programm steht: ich komme! Tragt mich bitte als Teilnehmerin ein.

Jule
""", "Am " + gmail_de(berlin(4, 2, 14, 5)) + " schrieb Heinlein Support <mail@heinlein-support.de>:",
         _prenote_jule),
     lab([rq("register", NT)], ("Jule Stellmacher", None, "jule.stellmacher@gmail.com"),
         [person("Jule Stellmacher", "jule.stellmacher@gmail.com")]),
     in_reply_to="<confirm-20240402-0071@heinlein-support.de>",
     tricky="Reply to her pre-notification: the event is named only in the quoted part and the subject; the quote says „keine weiteren Informationen“.")

mail("iphone-anmeldung-nussallergie", berlin(4, 9, 19, 14), "de",
     ("Sophie Rautenberg", "sophie.rautenberg@posteo.de"),
     "Runder Tisch",
     iphone("""Hallo, ich komme gern zum Runden Tisch! Eine Frage vorab: Ich habe eine Nussallergie – wird beim Catering darauf geachtet bzw. gibt es eine Zutatenliste?

LG Sophie Rautenberg"""),
     lab([rq("register", RT), rq("question", RT)], ("Sophie Rautenberg", None, "sophie.rautenberg@posteo.de"),
         [person("Sophie Rautenberg", "sophie.rautenberg@posteo.de")]),
     tricky="Registration („ich komme gern“) plus a catering question.")

mail("english-register-language-question", berlin(3, 27, 17, 25), "en",
     ("Mateo Fernández", "mateo.fernandez@civictech-collective.org"),
     "Registration 18 April + language",
     plain("""Hi,

I'd like to register for the round table on 18 April. Quick question: will the discussion be held in German only? My German is fine for listening, but I'd struggle to contribute much.

Best regards,
Mateo Fernández
Civic Tech Collective Berlin
""", "utf-8", "quoted-printable", mailer=("User-Agent", "Fastmail"), ct_extra="; format=flowed"),
     lab([rq("register", RT), rq("question", RT)],
         ("Mateo Fernández", "Civic Tech Collective Berlin", "mateo.fernandez@civictech-collective.org"),
         [person("Mateo Fernández", "mateo.fernandez@civictech-collective.org")]),
     name_cs=("utf-8", "q"),
     tricky="English registration plus a language question.")

mail("netzwerktag-induktionsschleife-latin1", berlin(6, 10, 10, 48), "de",
     ("Pflüger, Annegret", "Annegret.Pflueger@lagetsi.berlin.de"),
     "Anmeldung Netzwerktag / Frage Barrierefreiheit",
     outlook("""Sehr geehrte Damen und Herren,

ich melde mich hiermit zum Netzwerktag am 19. Juni an.

Da ich schwerhörig bin, möchte ich fragen, ob im Vortragsraum eine induktive Höranlage vorhanden ist oder ob die Vorträge untertitelt werden.

Mit freundlichen Grüßen
Annegret Pflüger

Landesamt für Arbeitsschutz, Gesundheitsschutz und technische Sicherheit Berlin
Referat Z 2 - Informationstechnik
Turmstraße 21, 10559 Berlin
""", charset="iso-8859-1", style="desktop"),
     lab([rq("register", NT), rq("question", NT)],
         ("Annegret Pflüger", "Landesamt für Arbeitsschutz, Gesundheitsschutz und technische Sicherheit Berlin", "annegret.pflueger@lagetsi.berlin.de"),
         [person("Annegret Pflüger", "annegret.pflueger@lagetsi.berlin.de")]),
     subj_cs=("iso-8859-1", "q"), name_cs=("iso-8859-1", "q"),
     tricky="Netzwerktag registration plus an accessibility question; long organisation name with commas; Latin-1 encoded-word display name.")

mail("poststelle-dritte-person-kleinmachnow", berlin(4, 5, 10, 20), "de",
     ("Poststelle Gemeinde Kleinmachnow", "poststelle@kleinmachnow.de"),
     "Teilnahme Runder Tisch „Open Source in Berlin“",
     outlook("""Sehr geehrte Damen und Herren,

Frau Anja Kowalski (Fachdienst IT) nimmt am Runden Tisch „Open Source in Berlin“ am 18.04.2024 teil.

Mit freundlichen Grüßen
Im Auftrag

Anja Kowalski

Gemeinde Kleinmachnow
Fachdienst IT und Organisation
Adolf-Grimme-Ring 10, 14532 Kleinmachnow
"""),
     lab([rq("register", RT)], ("Anja Kowalski", "Gemeinde Kleinmachnow", "poststelle@kleinmachnow.de"),
         [person("Anja Kowalski", "poststelle@kleinmachnow.de")]),
     tricky="Central Poststelle mailbox; the signer announces herself in the third person („Frau Anja Kowalski … nimmt teil“) and gets the mailbox address.")

_prog_quote = outlook_quote_block(HS, PROGRAMME_SENT, "Reimers, Claudia <c.reimers@wohnbau-spree.de>",
                                  PROGRAMME_SUBJECT, PROGRAMME)
mail("antwort-programm-zu-zweit", berlin(6, 6, 14, 12), "de",
     ("Reimers, Claudia", "c.reimers@wohnbau-spree.de"),
     "AW: " + PROGRAMME_SUBJECT,
     outlook("""Vielen Dank für das Programm!

Wir melden uns gern zu zweit an: Jörg Hennings und ich. Herr Hennings ist unter joerg.hennings@wohnbau-spree.de erreichbar.

Freundliche Grüße
Claudia Reimers
Wohnbau Spree eG
Digitalisierung & Prozesse

""" + _prog_quote),
     lab([rq("register", NT)], ("Claudia Reimers", "Wohnbau Spree eG", "c.reimers@wohnbau-spree.de"),
         [person("Claudia Reimers", "c.reimers@wohnbau-spree.de"),
          person("Jörg Hennings", "joerg.hennings@wohnbau-spree.de")]),
     in_reply_to=PROGRAMME_ID,
     tricky="Reply to the programme mail: the event is only in the quote/subject; the colleague is named first, the sender („und ich“) still comes first.")

mail("english-both-events-gitfield", berlin(4, 4, 11, 16), "en",
     ("Siobhan Kelleher", "siobhan@gitfield.io"),
     "Sign-up for April + June",
     gmail("""Hi there,

please register me for both events – the round table on 18 April and the Open Source Network Day on 19 June.

Thanks!
Siobhan

Siobhan Kelleher
Developer Relations
Gitfield GmbH, Berlin
"""),
     lab([rq("register", RT), rq("register", NT)], ("Siobhan Kelleher", "Gitfield GmbH", "siobhan@gitfield.io"),
         [person("Siobhan Kelleher", "siobhan@gitfield.io")]),
     tricky="English registration for both events; place after the comma in the organisation line.")

# --- info requests ---------------------------------------------------------

mail("verteiler-netzwerktag-drv-cp1252", berlin(3, 22, 8, 15), "de",
     ("Groß, Kerstin", "Kerstin.Gross@drv-berlin-brandenburg.de"),
     "Netzwerktag Juni – Verteiler",
     outlook("""Guten Tag,

bitte nehmen Sie mich in Ihren Verteiler für den Open-Source-Netzwerktag im Juni auf.

Mit freundlichen Grüßen
Kerstin Groß
Deutsche Rentenversicherung Berlin-Brandenburg
Abteilung Informationstechnik
Knobelsdorffstraße 92, 14059 Berlin
""", charset="windows-1252"),
     lab([rq("info_request", NT)], ("Kerstin Groß", "Deutsche Rentenversicherung Berlin-Brandenburg", "kerstin.gross@drv-berlin-brandenburg.de")),
     subj_cs=("windows-1252", "q"), name_cs=("windows-1252", "q"),
     tricky="„in Ihren Verteiler aufnehmen“ = info_request; windows-1252 encoded-word display name „Groß, Kerstin“.")

mail("folien-danach-verwaltungsakademie", berlin(4, 12, 11, 38), "de",
     ("Benedikt Lenz", "benedikt.lenz@vak.berlin.de"),
     "Folien nach dem Runden Tisch",
     thunderbird("""Guten Tag,

für den Runden Tisch am Donnerstag bin ich bereits angemeldet. Ich wäre dankbar, wenn Sie mir die Folien der Impulsvorträge im Nachgang zuschicken könnten – dann kann ich mich vor Ort ganz auf die Diskussion konzentrieren.

Viele Grüße
Benedikt Lenz

-- 
Verwaltungsakademie Berlin
Fachbereich Digitale Verwaltung
Turmstraße 86, 10559 Berlin
"""),
     lab([rq("info_request", RT)], ("Benedikt Lenz", "Verwaltungsakademie Berlin", "benedikt.lenz@vak.berlin.de")),
     tricky="Already registered („bin bereits angemeldet“ is no new registration); wants the slides afterwards = info_request.")

mail("english-keep-posted-northbeam", berlin(4, 23, 16, 5), "en",
     ("Liam Foster", "liam.foster@northbeam-software.co.uk"),
     "Open Source Network Day – please keep me posted",
     outlook("""Hi,

a colleague mentioned your Open Source Network Day on 19 June. Please keep me posted – I'd like to receive the agenda as soon as it's published.

Thanks,
Liam Foster
Head of Public Sector
Northbeam Software Ltd
""", lang="en-GB"),
     lab([rq("info_request", NT)], ("Liam Foster", "Northbeam Software Ltd", "liam.foster@northbeam-software.co.uk")),
     tricky="English „keep me posted“ + agenda once published.")

mail("journalistin-ergebnisse-apple", berlin(4, 17, 15, 51), "de",
     ("Theresa Kaltenbach", "kaltenbach@verwaltungsbrief.de"),
     "Runder Tisch morgen – Ergebnisse?",
     apple("""Guten Tag,

ich schreibe für den Berliner Verwaltungsbrief über die Digitalisierung der Hauptstadtverwaltung. Da ich morgen nicht vor Ort sein kann, wäre ich Ihnen dankbar, wenn Sie mir im Anschluss eine Zusammenfassung der Ergebnisse oder eine Pressemitteilung zukommen ließen.

Mit besten Grüßen
Theresa Kaltenbach
Berliner Verwaltungsbrief
Redaktion
"""),
     lab([rq("info_request", RT)], ("Theresa Kaltenbach", "Berliner Verwaltungsbrief", "kaltenbach@verwaltungsbrief.de")),
     tricky="Journalist, day before the event: „nicht vor Ort sein“ is no cancel (never registered); results afterwards = info_request; subject ends with a question mark.")

mail("interessentenliste-gmail", berlin(4, 2, 14, 1), "de",
     ("Jule Stellmacher", "jule.stellmacher@gmail.com"),
     "Netzwerktag im Juni",
     gmail("""Hallo liebes Heinlein-Team,

könnt ihr mich bitte auf die Interessentenliste für den Netzwerktag im Juni setzen? Ich beschäftige mich privat viel mit Linux.

Danke und liebe Grüße
Jule
"""),
     lab([rq("info_request", NT)], ("Jule Stellmacher", None, "jule.stellmacher@gmail.com")),
     tricky="„Interessentenliste“ = pre-notification; informal „ihr“; surname only in From.")

mail("english-programme-zib", berlin(5, 6, 13, 27), "en",
     ("Dr. Ayşe Korkmaz", "korkmaz@zib.de"),
     "Network Day programme",
     thunderbird("""Dear Heinlein team,

could you please send me the programme for the Network Day on 19 June once it is available? Several people in our group are interested.

Best wishes,
Ayşe Korkmaz

-- 
Dr. Ayşe Korkmaz
Zuse Institute Berlin
Takustraße 7, 14195 Berlin
""", lang="en-GB"),
     lab([rq("info_request", NT)], ("Dr. Ayşe Korkmaz", "Zuse Institute Berlin", "korkmaz@zib.de")),
     tricky="English; „several people are interested“ is no registration; encoded-word display name with ş.")

mail("html-latin1-student-anmeldung-offen", berlin(5, 16, 22, 14), "de",
     ("Finn Ole Jacobsen", "f.jacobsen@campus.udk-berlin.de"),
     "Netzwerktag - Bescheid geben?",
     html_only("""<html><body>
<p>Hallo!</p>
<p>K&ouml;nnten Sie mir Bescheid geben, sobald man sich f&uuml;r den Netzwerktag am 19.&nbsp;Juni anmelden kann? Ich studiere Design &amp; Computation an der UdK Berlin und w&uuml;rde mir gern die Showcases anschauen.</p>
<p>Viele Gr&uuml;&szlig;e<br>Finn Ole Jacobsen</p>
</body></html>
""", charset="iso-8859-1", cte="quoted-printable", mailer=("User-Agent", "SOGoMail 5.10.0")),
     lab([rq("info_request", NT)], ("Finn Ole Jacobsen", "UdK Berlin", "f.jacobsen@campus.udk-berlin.de")),
     tricky="HTML only (Latin-1, entities); contains „anmelden kann“ but asks to be told when registration opens = info_request; organisation only in the running text.")

mail("rentnerin-latin1-base64", berlin(5, 22, 10, 3), "de",
     ("Ingrid Pohlmann", "ingrid.pohlmann@t-online.de"),
     "Netzwerktag Juni",
     plain("""Guten Tag,

ich habe in der Zeitung von Ihrem Netzwerktag gelesen. Ich bin 71 Jahre alt und nutze seit Jahren LibreOffice und Linux Mint. Bitte schicken Sie mir weitere Informationen über die Veranstaltung im Juni.

Mit freundlichen Grüßen
Ingrid Pohlmann
Lichterfelde
""", "iso-8859-1", "base64", mailer=("X-Mailer", "Telekom Mail 5.3.0")),
     lab([rq("info_request", NT)], ("Ingrid Pohlmann", None, "ingrid.pohlmann@t-online.de")),
     crlf=True,
     tricky="iso-8859-1 in base64 with CRLF; „Lichterfelde“ is a place.")

mail("english-missed-yesterday-minutes", berlin(4, 19, 9, 12), "en",
     ("Oksana Melnyk", "oksana.melnyk@digitalbridge-berlin.org"),
     "Yesterday's round table – slides?",
     gmail("""Hello,

I was registered for yesterday's round table but unfortunately couldn't make it at short notice. I'd really appreciate it if you could send me the slides or any summary once available.

Best,
Oksana

Oksana Melnyk
Digital Bridge Berlin e.V.
"""),
     lab([rq("info_request", RT)], ("Oksana Melnyk", "Digital Bridge Berlin e.V.", "oksana.melnyk@digitalbridge-berlin.org")),
     tricky="English, day after the event: „couldn't make it“ is past, no cancel; wants slides/summary.")

mail("schon-angemeldet-netzwerktag-vormerken", berlin(4, 9, 14, 40), "de",
     ("Harbeck, Gesine", "Gesine.Harbeck@dataport.de"),
     "Netzwerktag vormerken",
     outlook("""Guten Tag,

für den Runden Tisch habe ich mich bereits angemeldet, die Bestätigung liegt mir vor. Bitte merken Sie mich zusätzlich für den Netzwerktag im Juni vor.

Viele Grüße
Gesine Harbeck
Dataport AöR
Geschäftsbereich Öffentliche Verwaltung
"""),
     lab([rq("info_request", NT)], ("Gesine Harbeck", "Dataport AöR", "gesine.harbeck@dataport.de")),
     tricky="Mentions her existing Runder-Tisch registration (not a new one); only the Netzwerktag pre-notification is requested.")

mail("iphone-absage-einladung-aber-juni", berlin(3, 21, 12, 16), "de",
     ("Volker Stenzel", "v.stenzel@stenzel-partner.de"),
     "Re: " + INVITE_SUBJECT,
     iphone("""Herzlichen Dank für die Einladung! Am 18. April bin ich leider schon anderweitig gebunden. Den Netzwerktag im Juni würde ich mir dagegen gern vormerken lassen.

Beste Grüße
Volker Stenzel
Stenzel & Partner IT-Consulting

Von meinem iPhone gesendet""", "Am 20.03.2024 um 10:00 schrieb Heinlein Support <mail@heinlein-support.de>:", INVITE),
     lab([rq("info_request", NT)], ("Volker Stenzel", "Stenzel & Partner IT-Consulting", "v.stenzel@stenzel-partner.de")),
     in_reply_to=INVITE_ID,
     tricky="Declines the invitation (no registration, so no cancel) and asks for the Netzwerktag pre-notification: info_request only.")

# --- cancellations ---------------------------------------------------------

mail("stornieren-rt-netzwerktag-bleibt-latin1", berlin(4, 10, 8, 55), "de",
     ("Kaminski, Dariusz", "Dariusz.Kaminski@landesarchiv.berlin.de"),
     "Stornierung Runder Tisch 18.04.",
     outlook("""Guten Morgen,

bitte stornieren Sie meine Anmeldung für den Runden Tisch am 18.04. Für den Netzwerktag im Juni bleibt meine Anmeldung bestehen.

Mit besten Grüßen
Dariusz Kaminski
Landesarchiv Berlin
""", charset="iso-8859-1", style="desktop"),
     lab([rq("cancel", RT)], ("Dariusz Kaminski", "Landesarchiv Berlin", "dariusz.kaminski@landesarchiv.berlin.de")),
     tricky="„stornieren“ for the Runder Tisch only; „bleibt meine Anmeldung bestehen“ for the Netzwerktag is neither register nor cancel.")

mail("english-cancel-board-meeting", berlin(4, 11, 18, 2), "en",
     ("Johanna Pfeiffer", "johanna@kanalkraft.io"),
     "Cancel my round table registration",
     gmail("""Hi,

please cancel my registration for the round table – a board meeting got moved to the 18th. Tarik will still come as planned.

Sorry for the hassle,
Johanna

--
Johanna Pfeiffer
Co-founder & CEO | Kanalkraft Labs GmbH
"""),
     lab([rq("cancel", RT)], ("Johanna Pfeiffer", "Kanalkraft Labs GmbH", "johanna@kanalkraft.io")),
     tricky="English cancel for herself only; the co-founder stays registered (no attendee, no request for him).")

mail("iphone-abmelden", berlin(4, 15, 7, 41), "de",
     ("Sophie Rautenberg", "sophie.rautenberg@posteo.de"),
     "Abmeldung",
     iphone("""Hallo, bitte melden Sie mich vom Runden Tisch wieder ab, mir ist ein Termin dazwischengekommen. Sorry!
Sophie"""),
     lab([rq("cancel", RT)], ("Sophie Rautenberg", None, "sophie.rautenberg@posteo.de")),
     tricky="„wieder ab(melden)“ — separable verb, the prefix is at the end; first name only in the body.")

mail("anmeldung-zurueckziehen-cp1252", berlin(4, 8, 15, 20), "de",
     ("Vietz, Hannelore", "Hannelore.Vietz@senmvku.berlin.de"),
     "Round-Table-Gespräch 18.04. – Rückzug meiner Anmeldung",
     outlook("""Sehr geehrte Damen und Herren,

hiermit ziehe ich meine Anmeldung zum Round-Table-Gespräch am 18. April zurück. Eine Vertretung aus unserem Haus ist leider nicht möglich.

Mit freundlichen Grüßen

Dr. Hannelore Vietz
Senatsverwaltung für Mobilität, Verkehr, Klimaschutz und Umwelt
""", charset="windows-1252", style="desktop"),
     lab([rq("cancel", RT)],
         ("Dr. Hannelore Vietz", "Senatsverwaltung für Mobilität, Verkehr, Klimaschutz und Umwelt", "hannelore.vietz@senmvku.berlin.de")),
     subj_cs=("windows-1252", "q"),
     tricky="„ziehe … zurück“ split verb; „Vertretung … nicht möglich“ rules out a substitute.")

_conf_kai = confirm_text("Kai Oltmanns")
mail("gmail-antwort-bestaetigung-schaffe-es-nicht", berlin(4, 17, 22, 10), "de",
     ("Kai Oltmanns", "kai.oltmanns@gmail.com"),
     "Re: " + CONFIRM_SUBJECT,
     gmail("""Hey, schaffe es morgen leider doch nicht – gebt meinen Platz gern weiter.

Kai
""", "Am " + gmail_de(berlin(3, 21, 7, 55)) + " schrieb Heinlein Support <mail@heinlein-support.de>:", _conf_kai),
     lab([rq("cancel", RT)], ("Kai Oltmanns", None, "kai.oltmanns@gmail.com")),
     in_reply_to="<confirm-20240321-0009@heinlein-support.de>",
     tricky="Colloquial cancel in reply to the confirmation („schaffe es … nicht“, „gebt meinen Platz weiter“); event only in the quote.")

mail("heute-krank-iphone", berlin(4, 18, 7, 48), "de",
     ("Carola Weinert", "carola.weinert@me.com"),
     "Heute",
     iphone("""Guten Morgen, leider hat mich ein Magen-Darm-Infekt erwischt, ich kann heute nicht kommen. Viel Erfolg euch!
Carola

Von meinem iPhone gesendet"""),
     lab([rq("cancel", RT)], ("Carola Weinert", None, "carola.weinert@me.com")),
     crlf=True,
     tricky="Same-day cancel; neither event nor date named — only „heute“ and the Date header (18.04.).")

mail("vertretung-kollegin-zlb", berlin(4, 12, 13, 5), "de",
     ("Borchert, Ilse", "Ilse.Borchert@zlb.de"),
     "Runder Tisch 18.04. – Vertretung",
     outlook("""Sehr geehrte Damen und Herren,

da ich kurzfristig eine Dienstreise antreten muss, wird an meiner Stelle meine Kollegin Dr. Yvonne Tran (yvonne.tran@zlb.de) am Runden Tisch teilnehmen.

Freundliche Grüße
Ilse Borchert

Zentral- und Landesbibliothek Berlin
Abteilung IT-Dienste
"""),
     lab([rq("cancel", RT), rq("register", RT)],
         ("Ilse Borchert", "Zentral- und Landesbibliothek Berlin", "ilse.borchert@zlb.de"),
         [person("Dr. Yvonne Tran", "yvonne.tran@zlb.de")]),
     tricky="Substitute („an meiner Stelle“): cancel + register with the colleague as the only attendee.")

mail("netzwerktag-abmelden-apple", berlin(6, 17, 16, 30), "de",
     ("Moritz Hagedorn", "moritz.hagedorn@quellwerk.de"),
     "Netzwerktag Mittwoch",
     apple("""Hallo,

ich muss mich leider vom Netzwerktag am Mittwoch abmelden – Kundentermin, der sich nicht schieben lässt. Beim nächsten Mal gern wieder!

Moritz Hagedorn
Quellwerk Software GmbH
"""),
     lab([rq("cancel", NT)], ("Moritz Hagedorn", "Quellwerk Software GmbH", "moritz.hagedorn@quellwerk.de")),
     tricky="Netzwerktag cancel two days ahead; „am Mittwoch“ = 19.06.")

_conf_tanja = outlook_quote_block(HS, berlin(3, 26, 11, 20), "Rieger, Tanja <Tanja.Rieger@kvbarnim.de>",
                                  CONFIRM_SUBJECT, confirm_text("Tanja Rieger"))
mail("teilabsage-kollege-barnim", berlin(4, 16, 8, 22), "de",
     ("Rieger, Tanja", "Tanja.Rieger@kvbarnim.de"),
     "AW: " + CONFIRM_SUBJECT,
     outlook("""Guten Morgen,

Herr Ahlers ist leider erkrankt und kann am Donnerstag nicht teilnehmen. Bitte streichen Sie nur ihn – Frau Aksoy und ich kommen wie geplant.

Viele Grüße
Tanja Rieger
Landkreis Barnim

""" + _conf_tanja),
     lab([rq("cancel", RT)], ("Tanja Rieger", "Landkreis Barnim", "tanja.rieger@kvbarnim.de")),
     in_reply_to="<confirm-20240326-0044@heinlein-support.de>",
     tricky="Partial cancel for one colleague; „Frau Aksoy und ich kommen wie geplant“ is no new registration.")

mail("absage-rt-dafuer-netzwerktag-cp1252", berlin(4, 16, 12, 3), "de",
     ("Thorsten Grabowski", "t.grabowski@klinikverbund-spree.de"),
     "Runder Tisch / Netzwerktag",
     outlook("""Sehr geehrte Damen und Herren,

den Runden Tisch am Donnerstag muss ich leider absagen. Zum Netzwerktag im Juni komme ich dafür aber gern – bitte melden Sie mich dafür an.

Freundliche Grüße
Thorsten Grabowski
Klinikverbund Spree gGmbH
""", charset="windows-1252", style="desktop"),
     lab([rq("cancel", RT), rq("register", NT)],
         ("Thorsten Grabowski", "Klinikverbund Spree gGmbH", "t.grabowski@klinikverbund-spree.de"),
         [person("Thorsten Grabowski", "t.grabowski@klinikverbund-spree.de")]),
     tricky="Cancel one event and register for the other in the same mail.")

mail("english-decline-invitation-only", berlin(3, 25, 18, 40), "en",
     ("Sarah Whitfield", "whitfield@uni-potsdam.de"),
     "Re: " + INVITE_SUBJECT,
     thunderbird("""Dear colleagues,

thank you very much for the kind invitation. Unfortunately I will not be able to attend on 18 April, as I am chairing an examination board that afternoon. I wish you a productive discussion.

Kind regards,
Sarah Whitfield

-- 
Prof. Dr. Sarah Whitfield
Chair of Public Sector Informatics
Universität Potsdam

On 20.03.24 10:00, Heinlein Support wrote:
""" + quote(INVITE) + "\n", lang="en-GB"),
     lab([rq("cancel", RT)], ("Prof. Dr. Sarah Whitfield", "Universität Potsdam", "whitfield@uni-potsdam.de")),
     in_reply_to=INVITE_ID,
     tricky="Pure decline of the invitation, asks for nothing else: labelled cancel by convention (organisers thank her); the quote below offers the Netzwerktag pre-notification.")

# --- delete requests -------------------------------------------------------

mail("dsgvo-art17-ohne-veranstaltung", berlin(3, 26, 19, 55), "de",
     ("Waltraud Siebert", "w.siebert@gmx.net"),
     "Löschung meiner Daten gem. Art. 17 DSGVO",
     plain("""Sehr geehrte Damen und Herren,

ich fordere Sie gemäß Art. 17 DSGVO auf, sämtliche bei Ihnen über mich gespeicherten personenbezogenen Daten unverzüglich zu löschen und mir die Löschung schriftlich zu bestätigen.

Mit freundlichen Grüßen
Waltraud Siebert
""", "utf-8", "quoted-printable", mailer=("X-Mailer", "GMX Freemail")),
     lab([rq("delete_request")], ("Waltraud Siebert", None, "w.siebert@gmx.net")),
     subj_cs=("utf-8", "q"),
     tricky="Formal erasure request naming no event.")

mail("english-gdpr-withdraw-network-day", berlin(5, 8, 10, 44), "en",
     ("Liam Foster", "liam.foster@northbeam-software.co.uk"),
     "Withdrawal of consent – Network Day mailing list",
     outlook("""Hello,

I hereby withdraw my consent to receive information about the Open Source Network Day. Please erase my details from that mailing list in accordance with Art. 7(3) and Art. 17 GDPR.

Regards,
Liam Foster
Northbeam Software Ltd
""", lang="en-GB"),
     lab([rq("delete_request", NT)], ("Liam Foster", "Northbeam Software Ltd", "liam.foster@northbeam-software.co.uk")),
     tricky="Consent withdrawal for the Netzwerktag info list: delete_request with event, not cancel and not info_request.")

mail("grossbuchstaben-teilnehmerliste-loeschen", berlin(4, 24, 11, 2), "de",
     ("HORST KLEINSCHMIDT", "horst.kleinschmidt@t-online.de"),
     "DATEN LOESCHEN",
     plain("""SEHR GEEHRTE DAMEN UND HERREN,

DER RUNDE TISCH IST JA NUN VORBEI. BITTE LOESCHEN SIE MEINE DATEN AUS IHRER TEILNEHMERLISTE. EINE WEITERGABE AN DRITTE WUENSCHE ICH NICHT.

MIT FREUNDLICHEM GRUSS
HORST KLEINSCHMIDT
""", "us-ascii", "7bit", mailer=("X-Mailer", "Telekom Mail 5.2.1"), quote_cs=False),
     lab([rq("delete_request", RT)], ("Horst Kleinschmidt", None, "horst.kleinschmidt@t-online.de")),
     tricky="After the event, all capitals, transliterated umlauts („LOESCHEN“); deletion tied to the Runder-Tisch participant list.")

mail("alle-verteiler-austragen-osz", berlin(5, 13, 8, 5), "de",
     ("Bernd Schaller", "b.schaller@osz-kommunikationstechnik.de"),
     "Austragen",
     thunderbird("""Guten Tag,

bitte tragen Sie mich aus all Ihren Verteilern aus und löschen Sie meine Kontaktdaten. Ich bin seit April nicht mehr im Bereich IT tätig.

Danke und Gruß
Bernd Schaller
Oberstufenzentrum Kommunikationstechnik Berlin
"""),
     lab([rq("delete_request")], ("Bernd Schaller", "Oberstufenzentrum Kommunikationstechnik Berlin", "b.schaller@osz-kommunikationstechnik.de")),
     tricky="Unsubscribe + delete contact data without naming an event.")

mail("ausgeschieden-vormerkliste-loeschen", berlin(6, 3, 15, 16), "de",
     ("Sandra Pieper", "sandra.pieper@spreequell-systems.de"),
     "Datenlöschung ehemaliger Mitarbeiter",
     outlook("""Sehr geehrte Damen und Herren,

Herr Lars Möller ist zum 31. Mai aus unserem Unternehmen ausgeschieden. Bitte löschen Sie seine Daten aus Ihrer Vormerkliste für den Netzwerktag; die Adresse lars.moeller@spreequell-systems.de wird nicht mehr gelesen.

Mit freundlichen Grüßen
Sandra Pieper
Personal & Datenschutz
Spreequell Systems GmbH
""", style="desktop"),
     lab([rq("delete_request", NT)], ("Sandra Pieper", "Spreequell Systems GmbH", "sandra.pieper@spreequell-systems.de")),
     subj_cs=("utf-8", "q"),
     tricky="Deletion on behalf of a former employee from the Netzwerktag pre-notification list; his address in the text is neither contact nor attendee.")

# --- questions -------------------------------------------------------------

mail("lastenrad-parken-mutt", berlin(4, 15, 21, 40), "de",
     ("Björn Tessmann", "bjoern@hackspace-wedding.org"),
     "Anreise Donnerstag",
     thunderbird("""Hallo nochmal,

wir sind ja für Donnerstag angemeldet. Frage zur Anreise: Wo kann ich mein Lastenrad abstellen? Und gibt es in der Nähe Parkplätze für Gäste – ein Kollege kommt aus Spandau mit dem Auto.

Gruß
Björn
""", agent="NeoMutt/20231103"),
     lab([rq("question", RT)], ("Björn Tessmann", None, "bjoern@hackspace-wedding.org")),
     name_cs=("utf-8", "q"),
     tricky="Parking question from an existing registrant; „angemeldet“ and a colleague are mentioned but nothing new to register; event only as „Donnerstag“.")

mail("agenda-und-kosten-vor-anmeldung-base64", berlin(3, 28, 14, 22), "de",
     ("Drescher, Uwe", "Uwe.Drescher@wgp.berlin.de"),
     "Frage zum Runden Tisch am 18.04.",
     outlook("""Sehr geehrte Damen und Herren,

bevor ich mich anmelde, zwei Fragen: Gibt es schon eine Tagesordnung für den Runden Tisch? Mich interessiert vor allem, ob Beschaffungsfragen eine Rolle spielen. Und ist die Teilnahme kostenfrei? Für kostenpflichtige Veranstaltungen bräuchte ich vorab eine Genehmigung.

Mit freundlichen Grüßen
Uwe Drescher
Senatsverwaltung für Wissenschaft, Gesundheit und Pflege
Zentrale Vergabestelle
Oranienstraße 106, 10969 Berlin
""", text_cte="base64"),
     lab([rq("question", RT)], ("Uwe Drescher", "Senatsverwaltung für Wissenschaft, Gesundheit und Pflege", "uwe.drescher@wgp.berlin.de")),
     tricky="„bevor ich mich anmelde“: agenda and cost questions, no registration yet; Outlook text part in base64.")

mail("teilnahmebescheinigung-nachher", berlin(4, 22, 9, 50), "de",
     ("Thamsen, Henrike Dr.", "Henrike.Thamsen@rechnungshof.berlin.de"),
     "Teilnahmebescheinigung Runder Tisch 18.04.2024",
     outlook("""Sehr geehrte Damen und Herren,

vielen Dank für die gelungene Veranstaltung am vergangenen Donnerstag. Für meinen Fortbildungsnachweis benötige ich eine Teilnahmebescheinigung – können Sie mir eine solche ausstellen?

Mit freundlichen Grüßen
Dr. Henrike Thamsen
Rechnungshof von Berlin
"""),
     lab([rq("question", RT)], ("Dr. Henrike Thamsen", "Rechnungshof von Berlin", "henrike.thamsen@rechnungshof.berlin.de")),
     tricky="After the event; asks for a certificate of attendance (needs a human), not for materials.")

mail("english-dress-code", berlin(4, 15, 12, 19), "en",
     ("Mateo Fernández", "mateo.fernandez@civictech-collective.org"),
     "Dress code?",
     plain("""Hi again,

one more thing: is there a dress code for the round table? I'll be coming straight from a workshop in jeans and a hoodie 🙂

Mateo
""", "utf-8", "quoted-printable", mailer=("User-Agent", "Fastmail"), ct_extra="; format=flowed"),
     lab([rq("question", RT)], ("Mateo Fernández", None, "mateo.fernandez@civictech-collective.org")),
     name_cs=("utf-8", "q"),
     tricky="English dress-code question; emoji in a QP body; first name only in the body.")

mail("wlan-netzwerktag", berlin(6, 12, 9, 31), "de",
     ("Tellkamp, Markus", "Markus.Tellkamp@kreativquartier-digital.de"),
     "Frage WLAN Netzwerktag",
     outlook("""Hallo,

kurze Frage zum Netzwerktag nächste Woche: Gibt es vor Ort Gäste-WLAN? Wir müssen zwischendurch für Kunden erreichbar bleiben und würden gern kurz am Laptop arbeiten.

Danke & Gruß
Markus Tellkamp
Kreativquartier Digital GmbH | Produktentwicklung
"""),
     lab([rq("question", NT)], ("Markus Tellkamp", "Kreativquartier Digital GmbH", "markus.tellkamp@kreativquartier-digital.de")),
     tricky="WLAN question for the Netzwerktag.")

mail("english-slac-other-event", berlin(5, 21, 11, 8), "en",
     ("Patrick Nieswand", "p.nieswand@krz-havelland.de"),
     "Registration for SLAC?",
     thunderbird("""Hello,

I know this address is meant for the IHK events, but maybe you can help: is registration for the Secure Linux Administration Conference already open, and are there discounts for public authorities? I'd like to book two places for our team.

Best regards,
Patrick Nieswand
Kommunales Rechenzentrum Havelland
""", lang="en-GB"),
     lab([rq("question")], ("Patrick Nieswand", "Kommunales Rechenzentrum Havelland", "p.nieswand@krz-havelland.de")),
     tricky="„registration“, „book two places“ — but for a different Heinlein event: question without event, no register.")

mail("english-network-day-language-who", berlin(6, 4, 17, 45), "en",
     ("Siobhan Kelleher", "siobhan@gitfield.io"),
     "Network Day – English talks?",
     gmail("""Hi,

will the talks at the Network Day on 19 June be in English or German? A few of our international team members might want to join if there are English sessions. Also, do you know roughly which companies will be showcasing?

Thanks,
Siobhan
"""),
     lab([rq("question", NT)], ("Siobhan Kelleher", None, "siobhan@gitfield.io")),
     tricky="English; language and who-else questions; „might want to join“ is no registration.")

mail("spaeter-dazukommen-donnerstag", berlin(4, 15, 10, 7), "de",
     ("Aksoy, Merve", "Merve.Aksoy@kvbarnim.de"),
     "Runder Tisch - späteres Eintreffen",
     outlook("""Hallo,

ich bin für Donnerstag angemeldet (über Frau Rieger), habe aber bis 14 Uhr noch einen Ausschuss in Eberswalde. Ist es in Ordnung, wenn ich erst gegen 15 Uhr dazukomme?

Viele Grüße
Merve Aksoy
Digitalisierungslotsin
Landkreis Barnim
"""),
     lab([rq("question", RT)], ("Merve Aksoy", "Landkreis Barnim", "merve.aksoy@kvbarnim.de")),
     tricky="„dazukommen“ and „angemeldet“, but she is already registered and asks about arriving late: question.")

mail("english-lift-crutches", berlin(4, 11, 9, 3), "en",
     ("Elena Popescu", "elena.popescu@openinfra-consult.eu"),
     "Room 4 A 02 – lift?",
     thunderbird("""Hello again,

is seminar room 4 A 02 reachable by lift? I'm on crutches after knee surgery and would like to plan my way from the entrance.

Thanks,
Elena Popescu
""", lang="en-US"),
     lab([rq("question", RT)], ("Elena Popescu", None, "elena.popescu@openinfra-consult.eu")),
     tricky="Accessibility question; the event is identified only by the room number.")

# --- auto replies ----------------------------------------------------------

mail("abwesenheit-exchange-erinnerung", berlin(4, 16, 9, 4), "de",
     ("Ahlers, Jens", "Jens.Ahlers@kvbarnim.de"),
     "Automatische Antwort: " + REMINDER_SUBJECT,
     outlook("""Guten Tag,

ich bin bis einschließlich Mittwoch, 17.04.2024, nicht im Dienst. Ihre E-Mail wird nicht weitergeleitet. In dringenden Angelegenheiten wenden Sie sich bitte an den IT-Service, Tel. 03334 214-1600.

Mit freundlichen Grüßen
Jens Ahlers
"""),
     MACHINE("auto_reply"),
     return_path="", in_reply_to="<reminder-20240416-0031@heinlein-support.de>",
     extra=[("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All")],
     tricky="Exchange out-of-office answering the reminder; names a phone number and a date.")

mail("gmail-vacation-english-re", berlin(4, 16, 9, 2), "en",
     ("Siobhan Kelleher", "siobhan@gitfield.io"),
     "Re: " + REMINDER_SUBJECT,
     gmail("""Hi,

thanks for your message! I'm travelling until 17 April with patchy connectivity and will get back to you as soon as I can.

Siobhan
"""),
     MACHINE("auto_reply"),
     return_path="", in_reply_to="<reminder-20240416-0044@heinlein-support.de>",
     extra=[("Auto-Submitted", "auto-replied")],
     tricky="Gmail vacation responder with an ordinary „Re:“ subject; only Auto-Submitted and the wording show it.")

mail("notes-abwesend-ohne-header", berlin(3, 20, 10, 2), "de",
     ("Rolf Ebeling", "Rolf.Ebeling@brandenburg-havel.de"),
     "Ich bin ab 18.03.2024 nicht im Büro.",
     plain("""Ich werde ab 18.03.2024 nicht im Büro sein. Ich kehre zurück am
03.04.2024.

Ich werde Ihre Nachricht nach meiner Rückkehr beantworten. In dringenden
Fällen wenden Sie sich bitte an meine Vertretung, Frau Birgit Lohse
(birgit.lohse@brandenburg-havel.de, Tel. 03381 58-1022).
""", "ISO-8859-1", "quoted-printable", mailer=("X-Mailer", "IBM Notes Release 9.0.1FP10 SHF68 December 1, 2019"), quote_cs=False),
     MACHINE("auto_reply"),
     subj_cs=("iso-8859-1", "q"),
     tricky="Domino out-of-office without any automation header and without In-Reply-To; only subject and wording show it; names a deputy with address.")

mail("english-ooo-mentions-round-table", berlin(4, 16, 9, 5), "en",
     ("Sandvik, Marcus", "Marcus.Sandvik@weizenbaum-institut.de"),
     "Automatic reply: " + REMINDER_SUBJECT,
     outlook("""Thank you for your email.

I am travelling from 16 to 19 April with limited access to email. On Thursday, 18 April, I will be attending the Open Source Round Table at IHK Berlin.

For urgent matters please contact our office at office-dpi@weizenbaum-institut.de.

Best regards,
Marcus Sandvik
""", lang="en-GB"),
     MACHINE("auto_reply"),
     return_path="", in_reply_to="<reminder-20240416-0052@heinlein-support.de>",
     extra=[("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All")],
     subj_cs=("utf-8", "b"),
     tricky="Out-of-office that says „I will be attending the Open Source Round Table“ on 18 April: not a registration.")

mail("jira-servicedesk-eingang", berlin(3, 26, 15, 43), "de",
     ("Kiezwerk IT Servicedesk", "jira@kiezwerk-it.atlassian.net"),
     "[JIRA] (SD-4471) " + CONFIRM_SUBJECT,
     plain("""Vielen Dank für Ihre Anfrage!

Wir haben sie unter der Nummer SD-4471 erfasst. Eine Mitarbeiterin oder ein
Mitarbeiter unseres Servicedesks meldet sich innerhalb von zwei Werktagen.

Status Ihrer Anfrage: https://kiezwerk-it.atlassian.net/servicedesk/customer/portal/2/SD-4471

Sie möchten weitere Informationen ergänzen? Antworten Sie einfach auf diese
E-Mail.

Kiezwerk IT – Servicedesk
""", "UTF-8", "quoted-printable", mailer=("X-Mailer", "Atlassian Jira Service Management")),
     MACHINE("auto_reply"),
     return_path="", in_reply_to="<confirm-20240326-0048@heinlein-support.de>",
     extra=[("Auto-Submitted", "auto-generated"), ("Precedence", "bulk")],
     tricky="Ticket acknowledgement whose subject carries the whole confirmation subject („Anmeldung“) and which invites a reply with „weitere Informationen“.")

mail("zendesk-request-received-english", berlin(4, 10, 11, 27), "en",
     ("Openbeet Support", "support@openbeet.zendesk.com"),
     "[Openbeet] Re: " + CONFIRM_SUBJECT,
     raw(multipart("alternative", [
         text_leaf("""##- Please type your reply above this line -##

Your request (2291) has been received and is being reviewed by our support staff.

To add additional comments, reply to this email.

Openbeet Support
""", "plain", "UTF-8", "quoted-printable"),
         text_leaf("""<div style="color:#b5b5b5">##- Please type your reply above this line -##</div>
<p>Your request (2291) has been received and is being reviewed by our support staff.</p>
<p>To add additional comments, reply to this email.</p>
<p>Openbeet Support</p>
""", "html", "UTF-8", "quoted-printable")], "--==_mimepart_6616591f8e2c1_3a2d1c4f2d"),
         [("X-Mailer", "Zendesk Mailer"), ("X-Zendesk-From-Account-Id", "a41c92")],
         mid="<8ZK3Q9W1XV_6616591f8c4a2_3a2d1c4f29@zendesk.com>"),
     MACHINE("auto_reply"),
     return_path="support@openbeet.zendesk.com", in_reply_to="<confirm-20240410-0097@heinlein-support.de>",
     subj_cs=("utf-8", "q"),
     tricky="Zendesk acknowledgement without Auto-Submitted/Precedence; looks like a human „Re:“ and asks for a reply.")

# --- bounces ---------------------------------------------------------------

_b1_ret = returned_confirmation("tarik.erdem@kanalkraft.io", "Tarik Erdem", berlin(3, 22, 14, 31, 12),
                                "<confirm-20240322-0031@heinlein-support.de>")
mail("bounce-postfix-gmail-550", berlin(3, 22, 14, 31, 20), "en",
     ("Mail Delivery System", "MAILER-DAEMON@smtp-out.heinlein-support.de"),
     "Undelivered Mail Returned to Sender",
     raw(multipart("report", [
         text_leaf("""This is the mail system at host smtp-out.heinlein-support.de.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<tarik.erdem@kanalkraft.io>: host aspmx.l.google.com[142.250.102.27] said:
    550-5.1.1 The email account that you tried to reach does not exist. Please
    try 550-5.1.1 double-checking the recipient's email address for typos or
    550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1
    https://support.google.com/mail/?p=NoSuchUser a640c23a62f3a-a46e0b4c8e4si
    (in reply to RCPT TO command)
""", "plain", "us-ascii", "7bit", quote_cs=False, extra=[("Content-Description", "Notification")]),
         leaf("message/delivery-status", b"""Reporting-MTA: dns; smtp-out.heinlein-support.de
X-Postfix-Queue-ID: 4V6KQ2M7ZR1TX
X-Postfix-Sender: rfc822; mail@heinlein-support.de
Arrival-Date: Fri, 22 Mar 2024 14:31:12 +0100

Final-Recipient: rfc822; tarik.erdem@kanalkraft.io
Original-Recipient: rfc822;tarik.erdem@kanalkraft.io
Action: failed
Status: 5.1.1
Remote-MTA: dns; aspmx.l.google.com
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does
    not exist. Please try 550-5.1.1 double-checking the recipient's email
    address for typos or 550-5.1.1 unnecessary spaces.
""", None, [("Content-Description", "Delivery report")]),
         leaf("message/rfc822", ser(_b1_ret), None, [("Content-Description", "Undelivered Message")]),
     ], "4V6KQ2M7ZR1TX.1711114280/smtp-out.heinlein-support.de",
         preamble="This is a MIME-encapsulated message.\n", ct_extra=' report-type=delivery-status;'),
         [("Auto-Submitted", "auto-replied")],
         mid="<20240322133120.4V6KQ2M7ZR1TX@smtp-out.heinlein-support.de>"),
     MACHINE("bounce", "tarik.erdem@kanalkraft.io"),
     return_path="", relay="smtp-out.heinlein-support.de",
     from_raw="MAILER-DAEMON@smtp-out.heinlein-support.de (Mail Delivery System)",
     tricky="Postfix DSN with Google's multi-line 550-5.1.1; the failed recipient was given by a co-founder in an earlier registration.")

_b2_ret = returned_confirmation("f.holm@kiefernwerk.de", "Frederik Holm", berlin(4, 3, 10, 52, 30),
                                "<confirm-20240403-0076@heinlein-support.de>")
_b2_text = """Ihre Nachricht hat einige oder alle Empfänger nicht erreicht.

Betreff: Bestätigung Ihrer Anmeldung: Runder Tisch „Open Source in Berlin“ am 18.04.2024
Gesendet: 03.04.2024 10:52

Folgende(r) Empfänger konnte(n) nicht erreicht werden:

f.holm@kiefernwerk.de am 03.04.2024 10:52
Die E-Mail-Adresse, die Sie eingegeben haben, wurde nicht gefunden. Überprüfen Sie die E-Mail-Adresse des Empfängers, und versuchen Sie erneut, die Nachricht zu senden. Wenden Sie sich an Ihren Helpdesk, falls das Problem weiterhin besteht.
<KW-EX01.kiefernwerk.local #5.1.1 smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found>
"""
mail("bounce-exchange-unzustellbar-de", berlin(4, 3, 10, 52, 48), "de",
     ("Microsoft Outlook", "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@kiefernwerk.de"),
     "Unzustellbar: " + CONFIRM_SUBJECT,
     raw(multipart("report", [
         multipart("alternative", [
             text_leaf(_b2_text, "plain", "utf-8", "quoted-printable"),
             text_leaf("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>"
                       + "".join("<p>%s</p>" % linkify(l) for l in _b2_text.split("\n") if l.strip())
                       + "</body></html>\n", "html", "utf-8", "quoted-printable"),
         ], "_002_KWEX01kiefernwerklocal_"),
         leaf("message/delivery-status", b"""Reporting-MTA: dns;KW-EX01.kiefernwerk.local
Received-From-MTA: dns;smtp-out.heinlein-support.de
Arrival-Date: Wed, 3 Apr 2024 08:52:31 +0000

Original-Recipient: rfc822;f.holm@kiefernwerk.de
Final-Recipient: rfc822;f.holm@kiefernwerk.de
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found
"""),
         leaf("message/rfc822", ser(_b2_ret)),
     ], "_001_KWEX01kiefernwerklocal_", ct_extra=' report-type="delivery-status";'),
         [("Content-Language", "de-DE"), ("X-MS-Exchange-Message-Is-Ndr", ""),
          ("X-MS-TNEF-Correlator", "")],
         mid="<c81e2a0b7f6d4e0f9d3a5b1c2e7f8a90@KW-EX01.kiefernwerk.local>"),
     MACHINE("bounce", "f.holm@kiefernwerk.de"),
     return_path="", in_reply_to="<confirm-20240403-0076@heinlein-support.de>",
     tricky="German on-premises Exchange NDR without Auto-Submitted; the bounced colleague was added in a reply to a confirmation.")

_b3_hdrs = returned_bytes("henning.paasch@web.de", "Henning Paasch", berlin(4, 9, 8, 2, 10),
                          "<confirm-20240409-0093@heinlein-support.de>", headers_only=True).decode()
mail("bounce-webde-klartext", berlin(4, 9, 8, 2, 25), "de",
     ("Mail Delivery System", "mailer-daemon@web.de"),
     "Mail delivery failed: returning message to sender",
     plain("""Hallo,

leider konnte Ihre E-Mail nicht an alle Empfänger zugestellt werden.

    Empfänger:  henning.paasch@web.de
    Grund:      Die Empfängeradresse existiert nicht oder wurde deaktiviert.
                (550 5.1.1 <henning.paasch@web.de>: Recipient address rejected:
                User unknown)

Dies ist eine automatisch erzeugte Nachricht. Bitte antworten Sie nicht
darauf.

--- Kopfzeilen der ursprünglichen Nachricht ---

""" + _b3_hdrs, "utf-8", "8bit"),
     MACHINE("bounce", "henning.paasch@web.de"),
     return_path="", relay="mout.web.de",
     extra=[("Auto-Submitted", "auto-replied")],
     mid="<1MzQ8r-1s0eWX3kLp-00vFxk@mout.web.de>",
     tricky="web.de plain-text bounce, no multipart/report and no X-Failed-Recipients; the failed address appears three times (text, diagnostic, quoted To).")

_b4_orig = returned_bytes("g.arslan@kreativquartier-digital.de", "Gül Arslan", berlin(6, 7, 11, 7, 40),
                          "<confirm-20240607-0143@heinlein-support.de>", nt=True).decode()
mail("bounce-qmail-failure-notice", berlin(6, 7, 11, 7, 55), "en",
     (None, "MAILER-DAEMON@mail.kreativquartier-digital.de"),
     "failure notice",
     plain("""Hi. This is the qmail-send program at mail.kreativquartier-digital.de.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<g.arslan@kreativquartier-digital.de>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

Return-Path: <mail@heinlein-support.de>
Received: (qmail 28411 invoked from network); 7 Jun 2024 09:07:41 -0000
""" + _b4_orig, "us-ascii", "7bit", quote_cs=False),
     MACHINE("bounce", "g.arslan@kreativquartier-digital.de"),
     return_path="", relay="mail.kreativquartier-digital.de",
     mid="<20240607090755.28413.qmail@mail.kreativquartier-digital.de>",
     tricky="qmail bounce: no MIME structure, no automation header, subject only „failure notice“; the returned Netzwerktag confirmation is inline and still QP-encoded.")

# --- spam ------------------------------------------------------------------

mail("seo-english-freemail", berlin(4, 23, 6, 12), "en",
     ("Olivia Grant", "olivia.grant.seo@gmail.com"),
     "Quick question about heinlein-support.de",
     gmail("""Hi there,

I was checking heinlein-support.de and noticed 37 critical SEO issues that are stopping your event pages (like your Open Source round table) from ranking on the first page of Google.

Would you be open to a free, no-obligation audit? Just reply "YES" and I'll send it over within 24 hours.

Best regards,
Olivia Grant
Senior SEO Strategist

If you don't want to hear from me again, just reply "NO".
"""),
     MACHINE("spam"),
     tricky="SEO cold mail from a freemail address that mentions the round table and asks to „reply YES“.")

mail("eventportal-netzwerktag-premium", berlin(5, 7, 10, 0), "de",
     ("Eventportal Hauptstadt", "redaktion@eventportal-hauptstadt.de"),
     "Ihre Veranstaltung „Open Source-Netzwerktag“ am 19.06.2024",
     raw(multipart("alternative", [
         text_leaf("""Sehr geehrtes Veranstaltungsteam,

wir haben Ihre Veranstaltung in unseren Kalender aufgenommen:

  Open Source-Netzwerktag
  Mittwoch, 19.06.2024 – IHK Berlin, Fasanenstraße 85

Mit einem Premium-Eintrag (nur 249 € zzgl. MwSt.) erscheint Ihr Netzwerktag
vier Wochen lang auf unserer Startseite und im Newsletter an 18.000
Abonnenten. So erreichen Sie mehr Teilnehmende und mehr Anmeldungen!

Jetzt Premium-Eintrag buchen: https://eventportal-hauptstadt.de/premium?e=88412

Mit freundlichen Grüßen
Ihr Team von Eventportal Hauptstadt

Sie erhalten diese E-Mail, weil Ihre Veranstaltung öffentlich angekündigt
wurde. Abmelden: https://eventportal-hauptstadt.de/abmelden?e=88412
""", "plain", "utf-8", "quoted-printable"),
         text_leaf("""<html><body style="font-family:Helvetica,Arial,sans-serif">
<p>Sehr geehrtes Veranstaltungsteam,</p>
<p>wir haben Ihre Veranstaltung in unseren Kalender aufgenommen:</p>
<p><b>Open Source-Netzwerktag</b><br>Mittwoch, 19.06.2024 &ndash; IHK Berlin, Fasanenstra&szlig;e 85</p>
<p>Mit einem <b>Premium-Eintrag</b> (nur 249&nbsp;&euro; zzgl. MwSt.) erscheint Ihr Netzwerktag vier Wochen lang auf unserer Startseite und im Newsletter an 18.000 Abonnenten. So erreichen Sie mehr Teilnehmende und mehr Anmeldungen!</p>
<p><a href="https://eventportal-hauptstadt.de/premium?e=88412" style="background:#e4572e;color:#fff;padding:8px 14px;text-decoration:none">Jetzt Premium-Eintrag buchen</a></p>
<p>Mit freundlichen Gr&uuml;&szlig;en<br>Ihr Team von Eventportal Hauptstadt</p>
<p style="font-size:11px;color:#999">Sie erhalten diese E-Mail, weil Ihre Veranstaltung &ouml;ffentlich angek&uuml;ndigt wurde. <a href="https://eventportal-hauptstadt.de/abmelden?e=88412">Abmelden</a></p>
</body></html>
""", "html", "utf-8", "quoted-printable")], "b1_8f0c1d7e2a9b4c6d"),
         [("X-Mailer", "PHPMailer 6.8.1 (https://github.com/PHPMailer/PHPMailer)"),
          ("List-Unsubscribe", "<https://eventportal-hauptstadt.de/abmelden?e=88412>"),
          ("Precedence", "bulk")]),
     MACHINE("spam"),
     tricky="Listing sales pitch naming the Netzwerktag, its date and venue, „Anmeldungen“ and „Abmelden“.")

mail("phishing-postfach-speicher", berlin(4, 25, 3, 17), "de",
     ("Webmail-Administrator", "admin@mailbox-verwaltung-heinlein.net"),
     "WARNUNG: Ihr Postfach mail@heinlein-support.de ist zu 99% voll",
     html_only("""<html><body style="font-family:Segoe UI,Arial">
<table width="560" style="border:1px solid #ccc"><tr><td style="background:#0b5394;color:#fff;padding:10px"><b>Heinlein Webmail &ndash; Speicherwarnung</b></td></tr>
<tr><td style="padding:14px">
<p>Sehr geehrter Benutzer von <b>mail@heinlein-support.de</b>,</p>
<p>Ihr Postfach hat 99&nbsp;% des zugewiesenen Speichers erreicht (4,95 GB von 5 GB). Neue Nachrichten werden zur&uuml;ckgehalten und nach 24 Stunden gel&ouml;scht.</p>
<p>Bitte best&auml;tigen Sie Ihr Konto, um kostenlos 10 GB zus&auml;tzlichen Speicher zu erhalten:</p>
<p><a href="https://heinlein-support.de.mailbox-upgrade.top/login?u=mail@heinlein-support.de">SPEICHER JETZT ERWEITERN</a></p>
<p>Wenn Sie nicht reagieren, wird Ihr Konto automatisch deaktiviert.</p>
<p>Ihr IT-Serviceteam</p>
</td></tr></table>
</body></html>
""", charset="utf-8", cte="base64"),
     MACHINE("spam"),
     reply_to="Webmail Support <helpdesk.webmail@outlook-support-mail.com>",
     crlf=True,
     tricky="Phishing impersonating the mailbox operator, HTML only in base64 with a Reply-To; „gelöscht“/„bestätigen“ in the text.")

_zip = bytes(random.Random("zip").randbytes(180))
mail("fake-rechnung-netzwerktag-zip", berlin(6, 13, 14, 55), "de",
     ("Buchhaltung Eventservice Berlin", "rechnung@eventservice-berlin-buchhaltung.com"),
     "Rechnung Nr. 2024-06-1187 – Teilnehmerregistrierung Open Source-Netzwerktag",
     raw(multipart("mixed", [
         text_leaf("""Sehr geehrte Damen und Herren,

für die Teilnehmerregistrierung zum Open Source-Netzwerktag am 19.06.2024
stellen wir Ihnen wie vereinbart 589,00 EUR in Rechnung.

Die Rechnung finden Sie im Anhang. Bitte überweisen Sie den Betrag bis
spätestens 17.06.2024, andernfalls müssen wir die Anmeldungen Ihrer
Teilnehmer leider stornieren.

Mit freundlichen Grüßen
Buchhaltung
Eventservice Berlin
""", "plain", "utf-8", "quoted-printable"),
         leaf('application/zip; name="Rechnung_2024-06-1187.zip"', b64(_zip), "base64",
              [("Content-Disposition", 'attachment; filename="Rechnung_2024-06-1187.zip"')]),
     ], "----=_Part_41871_1923457791.1718283355000")),
     MACHINE("spam"),
     tricky="Fake invoice with a zip attachment that names the Netzwerktag, „Anmeldungen“ and „stornieren“: spam, not cancel.")


# ===========================================================================
# writing and checking
# ===========================================================================

def decoded_text(msg):
    """All decoded text of a message: headers that name people and every
    text part (HTML with entities resolved), recursing into attached
    messages."""
    from email.message import EmailMessage  # noqa: F401
    chunks = []
    for h in ("From", "To", "Cc", "Reply-To", "Subject"):
        for v in msg.get_all(h, []):
            chunks.append(str(v))
    for part in msg.walk():
        ct = part.get_content_type()
        if ct.startswith("text/"):
            try:
                s = part.get_content()
            except Exception as e:  # pragma: no cover
                raise RuntimeError("cannot decode %s: %s" % (ct, e))
            if ct == "text/html":
                s = html.unescape(re.sub(r"<[^>]+>", " ", s))
            chunks.append(s)
        elif ct == "message/rfc822":
            inner = part.get_payload()[0] if part.is_multipart() else part.get_payload()
            if hasattr(inner, "walk"):
                chunks.append(decoded_text(inner))
    return "\n".join(chunks)


def norm(s):
    return re.sub(r"\s+", " ", s).casefold()


def check(files):
    import email
    from email import policy
    problems = 0
    for fname, label in files:
        path = os.path.join(OUT, fname)
        with open(path, "rb") as fh:
            msg = email.message_from_bytes(fh.read(), policy=policy.default)
        for h in ("From", "Subject", "Date"):
            if msg[h] is None:
                print("%s: missing %s" % (fname, h))
                problems += 1
        if msg.defects:
            print("%s: defects %s" % (fname, msg.defects))
            problems += 1
        for part in msg.walk():
            if part.defects:
                print("%s: part defects %s" % (fname, part.defects))
                problems += 1
        text = norm(decoded_text(msg))

        def has(s, what):
            nonlocal problems
            if s is None:
                return
            if norm(s) in text:
                return
            toks = [t for t in re.split(r"[\s,]+", s) if t]
            missing = [t for t in toks if norm(t) not in text]
            if not missing and "--verbose" in sys.argv:
                print("%s: %s %r only word by word" % (fname, what, s))
            if missing:
                print("%s: %s %r not in mail (missing %s)" % (fname, what, s, missing))
                problems += 1

        c = label["contact"]
        if c:
            has(c["name"], "contact name")
            has(c["organisation"], "organisation")
            has(c["email"], "contact email")
            if c["email"] != c["email"].lower():
                print("%s: contact email not lower case" % fname)
                problems += 1
        for a in label["attendees"]:
            has(a["name"], "attendee name")
            has(a["email"], "attendee email")
        if label["bounced"]:
            has(label["bounced"], "bounced")
        intents = [r["intent"] for r in label["requests"]]
        machine = any(i in ("auto_reply", "bounce", "spam") for i in intents)
        if machine and (c is not None or label["attendees"] or label["reply"]):
            print("%s: machine mail with contact/attendees/reply" % fname)
            problems += 1
        if not machine and (c is None or not label["reply"]):
            print("%s: human mail without contact or reply" % fname)
            problems += 1
        if ("register" in intents) != bool(label["attendees"]):
            print("%s: attendees/register mismatch" % fname)
            problems += 1
        if ("bounce" in intents) != bool(label["bounced"]):
            print("%s: bounced/bounce mismatch" % fname)
            problems += 1
        for r in label["requests"]:
            if r["intent"] in ("auto_reply", "bounce", "spam") and r["event"] is not None:
                print("%s: machine intent with event" % fname)
                problems += 1
    return problems


def main():
    only_check = "--check" in sys.argv
    cases = sorted(CASES, key=lambda c: (c["when"], c["slug"]))
    slugs = [c["slug"] for c in cases]
    assert len(set(slugs)) == len(slugs), "duplicate slug"
    files = []
    lines = []
    for i, c in enumerate(cases, 1):
        fname = "%03d-%s.eml" % (i, c["slug"])
        c["file"] = fname
        label = {"file": fname}
        label.update(c["label"])
        files.append((fname, label))
        lines.append(json.dumps(label, ensure_ascii=False))
        if not only_check:
            with open(os.path.join(OUT, fname), "wb") as fh:
                fh.write(c["data"])
    if not only_check:
        for old in os.listdir(OUT):
            if old.endswith(".eml") and old not in dict(files):
                os.remove(os.path.join(OUT, old))
        with open(os.path.join(OUT, "labels.jsonl"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    problems = check(files)
    # summary
    prim = {}
    for _, l in files:
        k = l["requests"][0]["intent"]
        prim[k] = prim.get(k, 0) + 1
    langs = {}
    for c in cases:
        langs[c["lang"]] = langs.get(c["lang"], 0) + 1
    print("%d messages, %d problems" % (len(files), problems))
    print("primary intents:", json.dumps(prim))
    print("languages:", json.dumps(langs))
    if "--tricky" in sys.argv:
        for c in cases:
            print("- %s — %s" % (c["file"], c["tricky"]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
