"""Word families that signal what a message needs. Matched on normalised text
(lowercase, apostrophes dropped), so "can't" reads "cant".

These describe kinds of language (an outage of the whole business, a request for a
person, an instruction to do work), not particular questions.
"""

from __future__ import annotations

import re


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


_EVERYONE = (
    r"\b(?:whole|entire|all (?:of )?(?:the |our |us)?|every(?:one|body|thing)|nobody|no ?one|"
    r"none of us|(?<!half )(?<!some of )the (?:office|company|business|practice|clinic|shop|store|firm|site|team|building)|"
    r"our (?:office|company|business|practice|clinic|shop|store|firm|site|systems?|network|server)s?|"
    r"every (?:pc|computer|machine|laptop|screen|device|till|terminal|workstation)s?|"
    r"none of (?:the|our) (?:tills|card machines|terminals|computers|pcs|machines|screens))"
)
_OUT = (
    r"(?:\bdown\b|offline|\bdead\b|not working|stopped working|wont (?:start|boot|turn on|work)|"
    r"cant (?:work|log ?in|login|sign ?in|access|get in|get on|connect|do anything|open)|"
    r"can ?not (?:work|log ?in|login|access|connect)|unable to (?:work|log ?in|login|access|connect)|"
    r"locked out|no (?:internet|network|access|connection)|crashed|gone|nothing (?:works|is working)|"
    r"at a standstill|ground to a halt|dead in the water|went (?:black|dark|blank)|"
    r"dropped (?:out|off)|(?:will|wont|cant|can not|cannot) take (?:any )?(?:card )?payments?)"
)

OUTAGE = _rx(
    rf"{_EVERYONE}.{{0,50}}{_OUT}",
    rf"{_OUT}.{{0,40}}\b(?:for|across) (?:the )?(?:whole|entire|all|every)",
    r"\b(?:nobody|no ?one|none of us)\b.{0,25}\b(?:can|is able|able to|are able)\b"
    r"(?! (?:\w+ )?(?:say|tell|explain|answer|guarantee|promise|know|agree|understand|decide|"
    r"remember|work out|figure|find out|seem|ever))",
    r"\bserver\b.{0,25}(?:\bdown\b|offline|crashed|dead|not (?:responding|working))",    r"^\W*(?:nothing|none of it) (?:works|is working)\b",
    r"\b\d+ (?:people|staff|of us|employees|users)\b.{0,40}(?:cant|sitting|doing nothing|idle|"
    r"unable|stuck)",
    r"turning (?:people|customers|patients|clients|everyone) away",
    r"\b(?:system|software|server|network|internet|email|everything)\b.{0,20}\bdown since\b",
    r"(?:card (?:machine|reader|terminal)s?|payment (?:terminal|system|machine|processing)s?|"
    r"\bpos\b|point of sale|\btills?\b|eftpos|checkout|\bpayments?\b).{0,40}(?:\bdown\b|not working|"
    r"offline|failing|declin|cant (?:take|process|accept|run)|wont (?:take|process|accept)|stopped)",
    r"cant (?:take|process|accept) (?:any )?(?:card )?payments",
    r"\b(?:internet|phones|phone lines|network|wi-?fi)\b(?: and (?:the )?\w+)? (?:are|is) (?:both |all )?"
    r"(?:down|dead|offline)\b",
    r"\bcant (?:book|take (?:any )?calls|make (?:any )?calls|see (?:any )?(?:patients|clients|customers))",
)

SECURITY = _rx(
    r"ransom|encrypt(?:ed|ing)|\.locked\b|\bdecrypt",
    r"\b(?:files|documents|data|folders)\b.{0,20}\b(?:are|have been|got|been|all) "
    r"(?:locked|encrypted|renamed|scrambled)",
    r"\b(?:pay|bitcoin|btc)\b.{0,40}\b(?:unlock|decrypt|get (?:them|it|our|my) \w* ?back)",
    r"\b(?:been|got|get|was|were|are|is|am|being|think (?:we|i)(?:ve| have)?|hes|shes|im|were) hacked",
    r"\bhack(?:er|ers)? (?:in|into|got)|\b(?:data|security|email|network|account) breach|"
    r"\b(?:been|was|were|got) breached\b(?! (?:the |our |my )?(?:contract|agreement|sla))|\bcompromised\b|malware|\bvirus\b.{0,30}"
    r"(?:spread|all over|on (?:my|our|every))|\btrojan\b",
    r"clicked (?:on )?(?:a |an |the |this |that |some )?(?:\w+ )?(?:link|attachment|button)",
    r"(?:(?:entered|typed|put in|gave|given) (?:in )?(?:my |our |the )?|shared (?:my|our) )(?:\w+ )?"
    r"(?:password|credentials|login|log ?in details|bank details|card details)",
    r"phish\w*.{0,40}(?:clicked|opened|entered|typed|fell|replied)|"
    r"(?:clicked|opened|entered|typed|fell|replied).{0,40}phish",
    r"some ?(?:one|body) (?:has |is )?(?:logged|logging|signed|signing) (?:in|into)|"
    r"suspicious (?:log ?in|sign ?in|activity)|(?:emails?|spam) (?:being )?sent from my",
    r"(?:lost|stolen|stole|left) (?:my |our |a |the )?(?:work |company )?(?:laptop|phone|device|"
    r"macbook|ipad|tablet)",
    r"(?:laptop|phone|device|macbook|ipad|tablet|computer)s? (?:was|were|got|has been|have been|been)"
    r" (?:stolen|lost|nicked|taken)",
    r"(?:emails?|messages?|invoices?).{0,60}(?:never sent|didnt send|did not send|wasnt me)",
    r"(?:password|account|settings|email).{0,30}(?:was |been )?changed.{0,30}(?:wasnt|was not|not) me",
    r"(?:approve|approval|sign-?in|log-?in) (?:requests?|prompts?|notifications?|sign-?ins?).{0,40}"
    r"(?:not (?:doing|me)|im not|i am not|didnt|never)",
    r"(?:bank|payment|account) details.{0,40}(?:change|changed|update|new)|"
    r"(?:change|changed|update|changing).{0,40}(?:bank|payment) details",
    r"(?:website|web site|homepage|site).{0,40}(?:hacked|defaced|casino|porn|gambling|redirect\w*)",
    r"(?:lost|deleted|wiped|disappeared).{0,30}(?:all (?:of )?(?:our|the|my) (?:files|data)|"
    r"everything)",
    r"\b(?:folders?|files|drive|data|documents|records)\b.{0,20}\b(?:is|are|has|have) (?:just |all |been )?"
    r"(?:gone|empty|vanished|disappeared|wiped|deleted)\b",
)

# Asking *about* emergencies is a knowledge question, not one.
HYPOTHETICAL = _rx(
    r"\bwhat if\b|what happens (?:if|when)|what (?:should|do|would) (?:i|we) do (?:if|when)",
    r"\bin case\b|\bif (?:we|i) (?:ever|get|got|were|was|had|think)\b|\bif (?:something|someone)\b",
    r"what (?:counts|qualifies|is considered|do you consider)|(?:counts?|qualif\w+) as an emergency",
    r"what (?:is|s) an emergency|\bwhats an emergency|is (?:it|this|that) an emergency",
    r"how (?:do|should|can) (?:i|we) (?:reach|contact|get hold)|quickest way to (?:reach|get)",
    r"\bif (?:\w+ ){0,5}ever\b|\b(?:guarantee\w*|promise\w*|put (?:it |that )?in writing)\b",
    r"^\W*(?:if|whenever)\b|\bwhenever\b|\b(?:goes|go) (?:down|offline)\b",
    r"\bif (?:the |our )?(?:whole|entire|all|every|nobody|no one)\b",
    r"\b(?:is|would|does|are|do)\b.{0,60}\b(?:an emergency|count as|bad enough|serious enough|"
    r"urgent enough)\b",
    r"\b(?:almost|nearly) (?:clicked|opened|entered|typed|fell)\b",
    r"\bif (?:we|i|you) (?:ever |really |ever really )?(?:need|want|ask)\w*\b",
)

# Looking back at an outage that is over is a question about it, not an emergency
# (a theft or a break-in last night still is one: security patterns ignore this).
PAST = _rx(
    r"\byesterday\b|\blast (?:week|month|year|time|night|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\b|\bthe other day\b|\bearlier this (?:week|month)\b",
    r"\bnearly (?:missed|lost)\b|\b(?:was|were) (?:down|dead|offline|out)\b",
)

HUMAN = _rx(
    r"\b(?:talk|speak|chat) (?:to|with) (?:a |an |some |your |the )?(?:real |actual |live |"
    r"proper )?(?:person|human|some(?:one|body)|tech|technician|engineer|agent|manager|"
    r"representative|rep|boss|owner)\b",
    r"(?<!did )\b(?:call|ring|phone) me\b|(?<!did )\b(?:call|ring|phone) (?:us|me) back\b",
    r"\bgive (?:me|us) a (?:ring|call|bell|buzz|shout)\b",
    r"\b(?:can|could|will|would) (?:someone|somebody|a tech|a person|you|a human)"
    r" (?:please )?(?:call|ring|phone|contact)",
    r"\b(?:get|want|need|give) (?:me )?(?:a |an )?(?:real |actual |live )?(?:human|person)\b",
    r"\bhuman please\b|\bnot (?:a|the|this) bot\b|\bstop (?:the |this )?bot\b|\bescalate\b",
    r"\bput me through\b|\bconnect me (?:to|with)\b",
    r"\b(?:a|an actual|a real) (?:human|person) (?:to )?(?:pick|look at|handle|take over|deal with)",
)

# Why/how-come questions are about policy, even when they mention passwords or tickets.
EXPLANATORY = re.compile(
    r"^\W*(?:why|how come|whats the point|what is the point|explain|how (?:will|would|should|does|"
    r"often|much|long) |is there (?:a|any) way|when (?:would|do|does|will) you|what happens|"
    r"(?:do|should) (?:i|we) (?:need|have to|buy|get))\b"
)

STAFF_ONLY = _rx(
    # ticket status
    r"\b(?:status|progress|update|news|eta)\b.{0,20}\b(?:on|of|for|with) (?:my|our|the|that|this)"
    r" (?:ticket|case|request|job|issue)",
    r"\b(?:ticket|case|job|request)\b.{0,12}(?:#|no\.? ?|number ?)?\d{3,}",
    r"#\d{3,}|\bwhere (?:are we|is it|are you) (?:at |up to )?with (?:my|our|the)",
    r"\bref(?:erence)?\.? ?(?:no\.? ?|number ?)?#?\d{3,}",
    r"\bhappening with (?:my|our|the) (?:case|ticket|request|job)",
    # accounts and passwords
    r"\b(?:reset|unlock|forgot(?:ten)?|change) (?:my |our |the |his |her |their |a )?(?:\w+ ){0,2}"
    r"(?:password|passcode|pin)\b",
    r"\bunlock\b.{0,30}\b(?:account|login|user|laptop|computer|phone|pc)",
    r"\bpassword reset\b|\blocked out of (?:my|the|our)\b|\bam locked out\b|\bim locked out\b",
    r"\bnew (?:starter|hire|employee|staff member|user|joiner|team member|colleague|person|recruit)"
    r"(?!s)",
    r"\b(?:starts|starting|joins|joining)\b (?:on |next |this )?(?:monday|tuesday|wednesday|"
    r"thursday|friday|tomorrow|week|today)\b",
    r"\bset (?:\w+\.? ){1,3}up (?:in|on|with|for)\b",
    r"\b(?:onboard|offboard)|\bleaver\b|\b(?:has|have) left (?:the|our) (?:company|practice|firm)",
    r"\b(?:set ?up|create|make|add) (?:a |an |the )?(?:new )?(?:\w+ )?(?:account|login|mailbox|"
    r"email address|user)\b",
    # work requests: an instruction to do something
    r"\b(?:please|pls|can you|could you|can some(?:one|body)|could some(?:one|body)|would you|can u|need you to|"
    r"(?<!do )i need|(?<!do )we need|^\W*need|id like|i want|we want|id love)\b.{0,40}\b(?:install\w*|set ?up|add|remove|"
    r"move|order|buy|purchase|configure|replace|upgrade|grant|share|map|connect|create|delete|"
    r"fix|repair|sort (?:out|\w+ out)|come (?:and )?(?:fix|look|see|sort)|"
    r"look at (?:my|our|the|his|her) \w+|come (?:in|out|over|onsite)|send (?:someone|a tech)|new (?:laptop|pc|"
    r"computer|monitor|phone|printer|keyboard|mouse|headset))\b",
    r"^\W*(?:please |pls )?(?:install|set ?up|add|remove|order|create|unlock|grant|map|configure|"
    r"replace|give me access|give \w+ access)\b",
    r"\b(?:need|want|give|grant) (?:me |him |her |them |us )?access to\b",
)

# Requests that are plainly not about IT service.
OFF_TOPIC = _rx(
    r"\b(?:write|compose|make up) (?:me |us )?(?:a |an |some )?(?:\w+ )?(?:poem|song|story|haiku|"
    r"essay|limerick|rap|joke)",
    r"\b(?:tell|know) (?:me |us )?(?:a |any )?(?:good )?jokes?\b|\bjoke\b",
    r"\brecipe|\bweather\b|\bforecast\b|\bwho won\b|\bscore\b|\bworld cup\b|\bsuper ?bowl\b",
    r"\b(?:going to|gonna|will it) (?:rain|snow|be sunny|be hot|be cold)\b|\btemperature outside\b",
    r"\bstock (?:tip|pick)s?\b|\bbitcoin\b|\bcrypto\b|\bcapital of\b|\bhomework\b|\bhoroscope\b",
    r"\bmeaning of life\b|\bmovies?\b|\brestaurants?\b|\bbirthday\b|\bvacation ideas\b",
    r"\b(?:write|draft|compose) (?:me |us )?(?:a |an )?(?:cover letter|letter to|speech|toast|eulogy)",
    r"\bcover letter\b|\b(?:buy|sell|invest\w*)\b.{0,20}\b(?:stocks?|shares|crypto|bitcoin)\b",
)

# Personal and leisure requests that stay off topic even when they name a computer.
PERSONAL = _rx(
    r"\bgaming (?:pc|laptop|rig|chair|console|setup|computer|mouse|keyboard|headset|monitor)s?\b|"
    r"\b(?:video|pc|computer|console) ?games?\b|\bgamers?\b|\bfortnite\b|\bminecraft\b|"
    r"\bxbox\b|\bplaystation\b|\bps5\b|\bnintendo\b|\bsteam deck\b|\bfps\b",
    r"\bfor my (?:kid|kids|son|daughter|child|children|grandson|granddaughter|nephew|niece)s?\b|"
    r"\bmy (?:kid|son|daughter|child|grandson|granddaughter|husband|wife)s? (?:wants|needs|asked)\b|"
    r"\b(?:get|buy) my (?:husband|wife|partner|mum|mom|dad|son|daughter|kids?)\b",
    r"\bwho invented\b|\binventor of\b|\bhistory of (?:the )?(?:computer|internet)\b",
    r"\bfor (?:myself|my (?:husband|wife|partner|mum|mom|dad|grandson|granddaughter|son|daughter))\b|"
    r"\bselling my\b|\b(?:christmas|birthday) (?:present|gift)\b|\bnetflix\b|\bsmart tv\b",
)

# Saying outright that it is not about work.
NOT_WORK = re.compile(r"\bnothing to do with work\b|\bnot (?:about|for|related to) work\b|"
                      r"\bnot work[- ]related\b")

# Vocabulary of IT service: a message with none of it and a weak match is off topic.
DOMAIN = _rx(
    r"\b(?:computers?|pcs?|laptops?|desktops?|macs?|macbooks?|imacs?|servers?|network\w*|wi-?fi|"
    r"internet|broadband|isp|router|modem|firewall|e-?mails?|outlook|inbox|mailbox|microsoft|"
    r"office ?365|m365|365|teams|onedrive|sharepoint|google|gmail|printers?|printing|scanners?|"
    r"phones?|voip|software|apps?|applications?|programs?|updates?|updating|patch\w*|windows|"
    r"passwords?|mfa|2fa|authenticator|log ?in|sign ?in|accounts?|tickets?|support|help ?desk|"
    r"techs?|technicians?|engineers?|invoices?|bill\w*|charged?|contract|agreement|sla|plan|"
    r"cover(?!\s+letter)\w*|backups?|virus|antivirus|security|secure|hack\w*|vpn|remote\w*|on-?site|hardware|"
    r"warranty|monitors?|keyboards?|mouse|screens?|drives?|disks?|files?|data|cloud|quickbooks|"
    r"sage|xero|outages?|uptime|downtime|respon\w*|emergenc\w*|priorit\w*|msp|managed|"
    r"provider|cable company|utilit\w*|admin|installs?|installed|upgrade\w*|devices?|crash\w*|"
    r"freez\w*|queue|sla|replac\w*|quarterly review|ransom\w*|phish\w*|malware|scam\w*|spam|you guys|your (?:whole |entire )?(?:team|techs?|guys|engineers|staff|service|company|office))\b",
)

# Words that lean towards IT service but also occur in everyday talk.
WEAK_DOMAIN = _rx(
    r"\b(?:fix\w*|broke\w*|weekends?|after ?hours|evenings?|holidays?|urgent|slow|down|"
    r"problems?|issues?|working|important|contact|help)\b"
)

# Words that say something is wrong without saying what.
GENERIC = frozenset(
    """help helpp halp broken broke working work works issue issues problem problems question
    questions urgent asap stuff thing things something anything wrong fix sos quick query need
    someone anyone there anybody hello hi hey yo again right now today please morning afternoon
    team support hmm hmmm huh eh um uh er ugh sorry bother week weeks day days yesterday
    tomorrow time last earlier same before ago min mins minute minutes moment sec second chance
    chat look looking check computer computers laptop pc weird odd strange funny back happy
    unhappy gone down""".split()  # noqa: SIM905 - a word list
)

# Wording that looks like an incident but is not one: the MSP's own team ("your whole
# team"), locking things down, slowing down, a missed target "breached".
NOT_AN_INCIDENT = _rx(
    r"\byour (?:whole |entire )?(?:team|company|staff|office|techs?|engineers?|guys|people)\b",
    r"\block(?:ed|ing|s)? (?:\w+ ){0,3}down\b|\b(?:slow|cut)(?:s|ed|ing|ting)? (?:\w+ ){0,3}down\b",
    r"\b(?:sla|contract|agreement|target|deadline)s? (?:\w+ ){0,2}breached\b",
)
# "Is setting up a new starter included?" asks about the agreement, not for the work.
ASKS_COVERAGE = re.compile(r"\b(?:included|billed|billable|charged?|covered|extra|cost|costs|"
                           r"part of (?:what we pay|the (?:plan|contract|agreement)))\b")
ASKS_WHY = re.compile(r"\b(?:why|how come)\b")
WORK_CONTEXT = re.compile(r"\b(?:work|office|company|business|practice|firm|our|staff)\b")
