package automail

import (
	"strings"

	"github.com/heinlein/regbot/internal/lexicon"
)

// lex is the lexicon prepared for matching, built once at start-up.
var lex = compileLexicon()

// bodyKind is one kind of auto-reply sentence; each kind scores once.
type bodyKind struct {
	name    string
	points  int
	phrases []phrase
}

type compiledLexicon struct {
	subjPrefix, subjSuffix, subjPhrase, courtesy []phrase
	bodyKinds                                    []bodyKind
	humanIntent                                  []phrase
	quoteStart, quoteIntro                       []phrase
	quoteHeaderFirst, quoteHeaderNext            []string
	replyPrefixes                                []string

	bounceSubj, bounceText, bounceDelay, bouncePerm []phrase
	bounceIntro, bounceLineCue, bounceOriginal      []phrase
	bounceNames, bounceExpanded                     []phrase

	machineLocal, bounceLocal, listLocal map[string]bool
	machinePrefix, machineSuffix         []string
	listAffix                            []string
}

func compileLexicon() compiledLexicon {
	l := compiledLexicon{
		subjPrefix: compilePhrases(lexicon.AutoReplySubjectPrefixes),
		subjSuffix: compilePhrases(lexicon.AutoReplySubjectSuffixes),
		subjPhrase: compilePhrases(lexicon.AutoReplySubjectPhrases),
		courtesy:   compilePhrases(lexicon.AutoReplyCourtesy),
		bodyKinds: []bodyKind{
			{"absence", 2, compilePhrases(lexicon.AutoReplyAbsence)},
			{"handling", 2, compilePhrases(lexicon.AutoReplyHandling)},
			{"acknowledgement", 2, compilePhrases(lexicon.AutoReplyAcknowledgement)},
			{"no longer here", 2, compilePhrases(lexicon.AutoReplyNoLongerHere)},
			{"automatic", 2, compilePhrases(lexicon.AutoReplyAutomatic)},
			{"challenge", 3, compilePhrases(lexicon.AutoReplyChallenge)},
		},
		humanIntent:    compilePhrases(lexicon.HumanIntentPhrases),
		quoteStart:     compilePhrases(lexicon.QuoteStartLines),
		quoteIntro:     compilePhrases(lexicon.QuoteIntroLines),
		bounceSubj:     compilePhrases(lexicon.BounceSubjectPrefixes),
		bounceText:     compilePhrases(lexicon.BounceTextPhrases),
		bounceDelay:    compilePhrases(lexicon.BounceDelayPhrases),
		bouncePerm:     compilePhrases(lexicon.BouncePermanentPhrases),
		bounceIntro:    compilePhrases(lexicon.BounceRecipientIntros),
		bounceLineCue:  compilePhrases(lexicon.BounceFailureLineCues),
		bounceOriginal: compilePhrases(lexicon.BounceOriginalMarkers),
		bounceNames:    compilePhrases(lexicon.BounceSenderNames),
		bounceExpanded: compilePhrases(lexicon.BounceExpandedFrom),
		machineLocal:   set(lexicon.MachineLocalParts),
		bounceLocal:    set(lexicon.BounceLocalParts),
		listLocal:      set(lexicon.ListLocalParts),
		machinePrefix:  lower(lexicon.MachineLocalPartPrefixes),
		machineSuffix:  lower(lexicon.MachineLocalPartSuffixes),
		listAffix:      lower(lexicon.ListLocalPartAffixes),
	}
	for _, s := range lexicon.QuoteHeaderFirst {
		l.quoteHeaderFirst = append(l.quoteHeaderFirst, fold(s))
	}
	for _, s := range lexicon.QuoteHeaderNext {
		l.quoteHeaderNext = append(l.quoteHeaderNext, fold(s))
	}
	for _, s := range lexicon.ReplyPrefixes {
		l.replyPrefixes = append(l.replyPrefixes, fold(s))
	}
	return l
}

func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[strings.ToLower(s)] = true
	}
	return m
}

func lower(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.ToLower(s)
	}
	return out
}
