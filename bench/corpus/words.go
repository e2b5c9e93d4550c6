package corpus

// The vocabulary the generator draws from. Words are plain ASCII with no
// YAML or Markdown metacharacters, so titles need no escaping.
var (
	vocabulary = []string{
		"the", "government", "wants", "a", "lasting", "settlement", "that", "keeps", "its", "borders",
		"secure", "and", "ends", "sanctions", "within", "months", "of", "signing", "talks", "between",
		"delegations", "stalled", "over", "sequencing", "because", "neither", "side", "trusts", "other",
		"to", "move", "first", "officials", "said", "ceasefire", "would", "need", "monitoring", "by",
		"neutral", "observers", "while", "allies", "argued", "for", "guarantees", "backed", "troops",
		"on", "ground", "energy", "transit", "through", "pipelines", "remains", "disputed", "as", "do",
		"grain", "corridors", "ports", "and", "frozen", "assets", "held", "in", "European", "banks",
		"negotiators", "proposed", "phased", "withdrawal", "exchange", "prisoners", "return", "children",
		"deported", "during", "war", "parliament", "must", "ratify", "any", "deal", "before", "it",
		"takes", "effect", "referendum", "was", "ruled", "out", "leaders", "met", "briefly", "at",
		"summit", "without", "agreement", "on", "next", "steps", "analysts", "expect", "pressure",
		"grow", "ahead", "elections", "reconstruction", "funds", "could", "be", "released", "once",
		"reforms", "are", "verified", "independent", "courts", "anti-corruption", "agencies", "budget",
		"support", "tariffs", "exports", "minerals", "licences", "investment", "security", "council",
		"resolution", "vote", "veto", "envoy", "mediation", "proposal", "draft", "framework", "memo",
		"statement", "communique", "interview", "report", "sources", "confirmed", "denied", "disputed",
		"government's", "won't", "isn't", "partners'", "fragile", "credible", "binding", "gradual",
		"immediate", "limited", "broad", "regional", "national", "military", "civilian", "economic",
	}
	headings = []string{
		"What it asks for", "Why it matters", "How the others answered", "What would have to give",
		"After the summit", "The record so far", "Who gains", "Who loses", "Open questions",
		"Timeline", "Costs and risks", "Precedents", "Legal basis", "Public opinion", "Red lines",
		"Room for compromise", "Verification", "Sequencing",
	}
	syllables = []string{
		"ka", "lo", "ve", "ri", "ta", "mu", "so", "ne", "di", "ba",
		"zo", "pe", "ly", "ga", "fi", "ho", "ru", "se", "wa", "xe",
	}
	topicAdjectives = []string{
		"Border", "Energy", "Maritime", "Nuclear", "Financial", "Humanitarian",
		"Military", "Trade", "Legal", "Cultural", "Territorial", "Digital",
	}
	topicNouns = []string{
		"security", "transit", "guarantees", "sanctions", "corridors", "assets",
		"monitoring", "reparations", "access", "arbitration", "elections", "reconstruction",
	}
	publishers = []string{
		"Reuters", "Associated Press", "The Daily Ledger", "Northern Herald", "Wire Service",
		"State News Agency", "Policy Review", "Foreign Desk",
	}
	actorRoles = []string{
		"Party to the conflict", "Mediator", "Guarantor", "Neighbouring state", "Regional bloc",
		"Observer", "Major trading partner",
	}
)
