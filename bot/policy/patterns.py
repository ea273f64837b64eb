"""Word families that signal what a message needs. Matched on normalised text
(lowercase, apostrophes dropped), so "can't" reads "cant".

These describe kinds of language (an outage of the whole business, a request for a
person, an instruction to do work), not particular questions.

Each family is written in verbose form, one alternative a line, with a comment per group
of alternatives. In verbose form whitespace is ignored, so a space that must be matched
is written `[ ]`, and a literal `#` is written `\\#`.
"""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a family written in verbose form."""
    return re.compile(pattern, re.VERBOSE)


# Who or what is affected, when it is all of it (a fragment of OUTAGE).
_EVERYONE = r"""
\b(?:
    # the whole of something, all of us
      whole
    | entire
    | all[ ](?:of[ ])?(?:the[ ]|our[ ]|us)?
    # every person, or nobody
    | every(?:one|body|thing)
    | nobody
    | no[ ]?one
    | none[ ]of[ ]us
    | (?:any|all)[ ]of[ ]us
    # the workplace itself ("half the office" and "some of the team" are not all of it)
    | (?<!half[ ])(?<!some[ ]of[ ])the[ ](?:office|company|business|practice|clinic|shop
        |store|firm|site|team|building)
    | our[ ](?:office|company|business|practice|clinic|shop|store|firm|site|systems?|network
        |server)s?
    # every machine, or none of them
    | every[ ](?:pc|computer|machine|laptop|screen|device|till|terminal|workstation)s?
    | none[ ]of[ ](?:the|our)[ ](?:tills|card[ ]machines|terminals|computers|pcs|machines
        |screens)
)
"""

# "down" that is a direction or an idiom ("carry the server down to the van", "a fault
# nobody can pin down"), not an outage: written before or after a `\bdown\b`.
# "the whole office being down?" names a kind of outage, it does not report one.
_NOT_DOWN_BEFORE = r"""(?<!pin[ ])(?<!track[ ])(?<!narrow[ ])(?<!tie[ ])(?<!note[ ])(?<!write[ ])
    (?<!being[ ])"""
_NOT_DOWN_AFTER = r"""(?![ ]to[ ](?:the|a|our|my|his|her|their)[ ](?:van|car|ute|truck|basement
    |cellar|skip|tip|bin|recycling|ground[ ]floor|lobby|reception|loading[ ]bay|storeroom
    |store[ ]room))"""

# Words for something that has stopped working (a fragment of OUTAGE).
_OUT = rf"""
(?:
    # down, dead, not working ("down the road" and planned downtime are not outages)
      {_NOT_DOWN_BEFORE}\bdown\b{_NOT_DOWN_AFTER}
        (?![ ](?:the[ ](?:road|street|hall|corridor|stairs)|stairs|for[ ]maintenance))
    | offline
    | \bdead\b
    | not[ ]working
    | stopped[ ]working
    | wont[ ](?:start|boot|turn[ ]on|work)
    # cannot get in or get anything done
    | cant[ ](?:work|log[ ]?in|login|sign[ ]?in|access|get[ ]in|get[ ]on|connect|do[ ]anything
        |open)
    | can[ ]?not[ ](?:work|log[ ]?in|login|access|connect)
    | unable[ ]to[ ](?:work|log[ ]?in|login|access|connect)
    | locked[ ]out
    | no[ ](?:internet|network|access|connection)
    | lost[ ](?:the[ ])?(?:internet|wi-?fi|network|connection|power|phones?|email|signal)
    | bounc(?:ing|es|ed)
    | cant[ ](?:send|receive|print|save|get[ ]email)
    # broken, blank, blue screens
    | crashed
    | (?:blue|black)[ ]screens?
    | \bbsod\b
    | nothing[ ](?:works|is[ ]working)
    # the business has stopped
    | at[ ]a[ ]standstill
    | ground[ ]to[ ]a[ ]halt
    | dead[ ]in[ ]the[ ]water
    # screens and connections lost
    | went[ ](?:black|dark|blank)
    | dropped[ ](?:out|off)
    # cannot take payments
    | (?:will|wont|cant|can[ ]not|cannot)[ ]take[ ](?:any[ ])?(?:card[ ])?payments?
)
"""

OUTAGE = _rx(rf"""
    # all of it, then an outage word: "the whole office is down"
      {_EVERYONE} .{{0,80}} {_OUT}
    # an outage word, then all of it: "offline for the whole team", "... for any of us"
    | {_OUT} .{{0,40}} \b(?:for|across)[ ](?:the[ ])?(?:whole|entire|all|every|any[ ]of[ ]us)
    # nobody is able, unless to say, tell, explain... ("nobody can tell me why")
    | \b(?:nobody|no[ ]?one|none[ ]of[ ]us)\b .{{0,25}} \b(?:can|is[ ]able|able[ ]to|are[ ]able)\b
        (?![ ](?:\w+[ ])?(?:say|tell|explain|answer|guarantee|promise|know|agree|understand
            |decide|remember|work[ ]out|figure|find[ ]out|seem|ever|pin|track
            |get[ ]to[ ]the[ ]bottom))
    # the server has gone
    | \bserver\b .{{0,40}} (?:\bdown\b{_NOT_DOWN_AFTER}|offline|crashed|dead|went[ ](?:\w+[ ])?dark
        |not[ ](?:responding|working)
        |wont[ ](?:boot|start|turn[ ]on|power[ ]on|come[ ](?:back|on)))
    # nothing works, said on its own
    | ^\W*(?:nothing|none[ ]of[ ]it)[ ](?:works|is[ ]working)\b
    # a head count of people who cannot work
    | \b\d+[ ](?:people|staff|of[ ]us|employees|users)\b .{{0,40}}
        (?:cant|sitting|doing[ ]nothing|idle|unable|stuck)
    # customers turned away
    | turning[ ](?:people|customers|patients|clients|everyone)[ ]away
    # down since a given time
    | \b(?:system|software|server|network|internet|email|everything)\b .{{0,20}} \bdown[ ]since\b
    # card machines and tills failing
    | (?:card[ ](?:machine|reader|terminal)s?|payment[ ](?:terminal|system|machine|processing)s?
        |\bpos\b|point[ ]of[ ]sale|\btills?\b|eftpos|checkout|\bpayments?\b)
        .{{0,40}}
        (?:\bdown\b|not[ ]working|isnt[ ]working|offline|failing|declin|dead|frozen|error
            |cant[ ](?:take|process|accept|run)|wont[ ](?:take|process|accept)|stopped)
    | \bregisters?\b .{{0,30}} \b(?:down|frozen|dead|not[ ]working)
    | \b(?:isnt|not|wont|cant|arent)[ ](?:taking|accepting|processing)[ ](?:any[ ])?(?:card[ ])?
        (?:payments?|cards|money)\b
    | \bcards?[ ](?:wont|arent|not|cant)[ ](?:go(?:ing)?[ ]through|work)
    | cant[ ](?:take|process|accept)[ ](?:any[ ])?(?:card[ ])?payments
    # the lines into the building are dead: "internet and phones are both down"
    | \b(?:internet|phones|phone[ ]lines|network|wi-?fi)\b(?:[ ]and[ ](?:the[ ])?\w+)?
        [ ](?:are|is)[ ](?:both[ ]|all[ ])?(?:down|dead|offline)\b
    # the front desk cannot serve anyone
    | \bcant[ ](?:book|take[ ](?:any[ ])?calls|make[ ](?:any[ ])?calls
        |see[ ](?:any[ ])?(?:patients|clients|customers)
        |check[ ](?:anyone|anybody|patients|people|guests|clients)[ ]in)
    # nobody, asked as a question: "why can't anyone log in to anything?"
    | \bcant[ ](?:anyone|anybody)[ ](?:log|sign|get|access|print|work|connect)\b
""")

SECURITY = _rx(r"""
    # encrypted, locked or renamed files
      \.locked\b
    | decrypt
    | \bransom[ ](?:note|message|demand|screen)s?\b
    | \b(?:files|documents|data|folders)\b .{0,20} \b(?:are|have[ ]been|got|been|all)[ ]
        (?:locked|encrypted|renamed|scrambled)
    | \b(?:pay|bitcoin|btc)\b .{0,40} \b(?:unlock|decrypt|get[ ](?:them|it|our|my)[ ]\w*[ ]?back)
    # hacked, breached, infected
    | \b(?:been|got|was|were|are|is|am|think[ ](?:we|i)(?:ve|[ ]have)?|hes|shes|im)[ ]hacked
    | \bhack(?:er|ers)?[ ](?:in|into|got)
    | \b(?:data|security|email|network|account)[ ]breach
    | \b(?:been|was|were|got)[ ]breached\b(?![ ](?:the[ ]|our[ ]|my[ ])?(?:contract|agreement|sla))
    | \bcompromised\b
    | \bvirus\b .{0,30} (?:spread|all[ ]over|on[ ](?:my|our|every))
    | \btrojan\b
    # clicked a link or attachment
    | clicked[ ](?:on[ ])?(?:a[ ]|an[ ]|the[ ]|this[ ]|that[ ]|some[ ])?(?:\w+[ ])?
        (?:link|attachment|button[ ](?:in|on)[ ](?:the|an|that|this|a)[ ](?:email|message|text))
    # gave away a password or bank details
    | (?:(?:entered|typed|put[ ]in|gave|given)[ ](?:in[ ])?(?:my[ ]|our[ ]|the[ ])?
        |shared[ ](?:my|our)[ ])
        (?:\w+[ ])?(?:password|credentials|login|log[ ]?in[ ]details|bank[ ]details|card[ ]details)
    # phishing that someone fell for
    | phish\w* .{0,40} (?:clicked|opened|entered|typed|fell|replied)
    | (?:clicked|opened|entered|typed|fell|replied) .{0,40} phish
    # someone else in an account, or mail sent in my name
    | some[ ]?(?:one|body)[ ](?:has[ ]|is[ ])?(?:logged|logging|signed|signing)[ ](?:in|into)
    | suspicious[ ](?:log[ ]?in|sign[ ]?in|activity)
    | (?:emails?|spam)[ ](?:being[ ])?sent[ ]from[ ]my
    | \bsending[ ](?:out[ ])?emails?[ ]from[ ]my
    # a lost or stolen device
    | (?:lost|stolen|stole|took|nicked)[ ](?:my[ ]|our[ ]|a[ ]|the[ ]|his[ ]|her[ ]|their[ ])?
        (?:work[ ]|company[ ]|office[ ])?(?:laptop|phone|device|macbook|ipad|tablet)
    | \b(?:laptop|phone|ipad|tablet|macbook|device)s?\b [^.?!]{0,60}
        \b(?:(?:its|is|has)[ ](?:gone|missing)(?![ ]away)|missing)\b
    | \b(?:laptop|phone|ipad|tablet|macbook|device)s?\b .{0,80}
        \b(?:cant[ ]find[ ](?:it|them)|not[ ]sure[ ]where)\b
    | \bleft[ ](?:my|our|the|a|his|her)[ ](?:work[ ])?(?:laptop|phone|ipad|tablet|macbook)\b .{0,80}
        \b(?:gone|missing|stolen)\b
    | \bmissing\b .{0,30} \b(?:laptop|phone|ipad|tablet|macbook)s?\b
    | \b(?:laptop|phone|ipad|tablet|macbook)s?[ ](?:\w+[ ])?(?:nicked|stolen|swiped|pinched)\b
    | \b(?:bag|car|van|ute|house|flat)[ ](?:got|was|has[ ]been)[ ](?:nicked|stolen|broken[ ]into)
    | left[ ](?:my|our|a|the)[ ](?:work[ ]|company[ ]|office[ ])?(?:laptop|phone|ipad|tablet
        |macbook)[ ](?:on|in|at)[ ](?:the|a|an)[ ](?:train|bus|tube|taxi|cab|plane|airport|pub|bar
        |restaurant|cafe|uber|station)
    | (?:laptop|phone|device|macbook|ipad|tablet|computer)s?[ ]
        (?:was|were|got|has[ ]been|have[ ]been|been)[ ](?:stolen|lost|nicked|taken[ ]from)
    # things done in my name that were not me
    | (?:emails?|messages?|invoices?) .{0,60} (?:never[ ]sent|didnt[ ]send|did[ ]not[ ]send
        |wasnt[ ]me)
    | (?:password|account|settings|email) .{0,30} (?:was[ ]|been[ ])?changed .{0,30}
        (?:wasnt|was[ ]not|not)[ ]me
    | (?:approve|approval|sign-?in|log-?in)[ ](?:requests?|prompts?|notifications?|sign-?ins?)
        .{0,40} (?:not[ ](?:doing|me)|im[ ]not|i[ ]am[ ]not|didnt|never)
    # bank details changed (invoice fraud)
    | (?:bank|payment|account)[ ]details .{0,40} (?:change|changed|update|new)
    | (?:change|changed|update|changing) .{0,40} (?:bank|payment)[ ]details
    # a defaced website
    | (?:website|web[ ]site|homepage|site) .{0,60}
        (?:hacked|defaced|casino|porn|gambling|redirect\w*|malicious|malware|infected|injected
        |deceptive|dangerous|warning)
    | \b(?:malicious|malware)\b .{0,40} \b(?:website|site)\b
    | \bdeceptive[ ]site\b
    # data lost or wiped
    | (?:lost|deleted|wiped|disappeared) .{0,30}
        (?:all[ ](?:of[ ])?(?:our|the|my)[ ](?:files|data)|everything)
    | \b(?:folders?|files|drive|data|documents|records)\b .{0,40}
        \b(?:is|are|has|have)[ ](?:just[ ]|all[ ]|been[ ])?
        (?:gone|empty|vanished|disappeared|wiped|deleted)\b
""")

# Asking *about* emergencies is a knowledge question, not one.
HYPOTHETICAL = _rx(r"""
    # what if, what happens when
      \bwhat[ ]if\b
    | what[ ]happens[ ](?:if|when)
    | what[ ](?:should|do|would)[ ](?:i|we)[ ]do[ ](?:if|when)
    # in case, if we ever, if something
    | \bin[ ]case\b
    # "next time", unless it books a visit ("next time you're in")
    | \bnext[ ]time\b(?![ ](?:youre|your|you|someones?|somebody|a[ ]tech|the[ ]tech)\b.{0,20}
        \b(?:in|here|over|by|around|on[ ]?site)\b)
    | \bif[ ](?:we|i|wed|id|weve|ive)[ ](?:ever|get|got|were|was|had|think|been)\b
    | \b(?:what|whats)[ ](?:the|is[ ]the)[ ](?:rule|process|policy|procedure)\b
    | \bif[ ](?:something|someone|someones|somebody|anyone|one)\b
    # a condition on someone else or on a thing: "if she gets an email...", "if it breaks"
    | \bif[ ](?:he|she|they|it|staff|people|a[ ]\w+|an[ ]\w+)[ ](?:ever[ ]|ever[ ]does[ ])?
        (?:gets|got|receives|breaks|dies|fails|crashes|clicks|opens)\b
    | \bjust[ ]so[ ](?:i|we)[ ]know\b
    # how to reach you
    | how[ ](?:do|should|can)[ ](?:i|we)[ ](?:reach|contact|get[ ]hold)
    | quickest[ ]way[ ]to[ ](?:reach|get)
    # if ... ever, and promises or guarantees
    | \bif[ ](?:\w+[ ]){0,5}ever\b
    | \b(?:guarantee\w*|promise\w*|put[ ](?:it[ ]|that[ ])?in[ ]writing)\b
    # a condition or a habit: "if", "whenever", "it goes down"
    | ^\W*(?:if|whenever)\b
    | \bwhenever\b
    | \b(?:goes|go)[ ](?:down|offline)\b
    | \bif[ ](?:the[ ]|our[ ])?(?:whole|entire|all|every|nobody|no[ ]one)\b
    # planned work and the future: "will be down tonight for maintenance"
    | \b(?:will|would|going[ ]to)[ ]be[ ](?:down|offline|unavailable|out)\b
    | \bfor[ ]maintenance\b
    # a kind of event, not this one: "do the phones drop out during a power cut?"
    | \bduring[ ](?:a|an|any)[ ](?:power[ ]cut|power[ ]outage|outage|blackout)\b
    | \b(?:planned|scheduled)[ ](?:outage|maintenance|downtime|work|update)s?\b
    # asking in general, or for the sake of argument
    | \bhypothetically\b
    | \bout[ ]of[ ]interest\b
    | \bgeneral[ ]question\b
    | \bjust[ ](?:curious|wondering)\b
    | \bsay[ ](?:the|our|a)[ ](?:\w+[ ])?(?:server|internet|system|power|network)[ ](?:dies|goes
        |fails|crashes|breaks)
    | \bonly[ ](?:when|if)\b
    | \bwhen[ ](?:the|our|my|a|an|its|it|there)[ ](?:\w+[ ]){0,3}(?:is|goes|are|gets)[ ]
        (?:out|down|offline)\b
    # what to do, asked of a kind of moment: "do I call or email when the whole practice
    # can't log in?"
    | \b(?:do|should|would|can|who[ ]do|who[ ]should)[ ](?:i|we)[ ](?:\w+[ ]){0,4}when[ ]
        (?:the|our|my|a|an|its|it|there|everyone|everything|nobody|no[ ]one)\b
    # an outage as a kind of thing: "lower priority than the server being down", "is the
    # server being down for everyone a P1?"
    | ^\W*(?:is|would|does|are)[ ](?:the|a|an|our)[ ](?:\w+[ ]){0,2}being[ ](?:down|offline|out)\b
    | \b(?:than|versus|vs|or)[ ](?:the|a|an|our)[ ](?:\w+[ ]){0,2}being[ ](?:down|offline|out)\b
    | what[ ](?:should|do|would)[ ](?:people|staff|someone|they|you)[ ]do[ ](?:if|when)
    | \bif[ ](?:the|our|my|a|an|its|there|they|this|that)\b .{0,60}
        \b(?:down|offline|dead|dies|fails|breaks|stops|goes|crash\w*|hacked|stolen|lost)\b
    # a near miss
    | \b(?:almost|nearly)[ ](?:clicked|opened|entered|typed|fell)\b
    # if we ever need you
    | \bif[ ](?:we|i|you)[ ](?:ever[ ]|really[ ]|ever[ ]really[ ])?(?:need|want|ask)\w*\b
""")

# A question about whether something is an emergency: it is taken out, and what is
# left of the message still counts ("our server is down, is that an emergency?").
EMERGENCY_TAG = _rx(r"""
      what[ ](?:counts|qualifies|is[ ]considered|do[ ]you[ ]consider)(?:[ ]as[ ]an[ ]emergency)?
    | (?:counts?|qualif\w+)[ ]as[ ]an[ ]emergency
    | what[ ](?:is|s)[ ]an[ ]emergency
    | \bwhats[ ]an[ ]emergency
    | is[ ](?:it|this|that)[ ]an[ ]emergency
    # would this be serious enough
    | (?:^|(?<=[.?!,;:][ ])|(?<=[.?!,;:])|(?<=\bso[ ])|(?<=\bbut[ ])|(?<=\band[ ]))
        \W*(?:is|would|does|are|do)\b[ ]\W?\w[^?]{0,60}?
        \b(?:an[ ]emergency|count[ ]as|bad[ ]enough|serious[ ]enough|urgent[ ]enough)\b
    | \b(?:would|does|do)\b .{0,60}? \bcount[ ]as\b
""")

# The bare words of a security incident. They count unless the message asks about
# security in general ("what is ransomware?", "do you protect us against malware?").
SECURITY_WORDS = _rx(r"""
      ransom\w*
    | rans\w*[ ]?ware
    | malware
    | \bviruses\b
    | \binfected\b
    | \bhack(?:ed|ing)\b
    | \bscammed\b
    | \bphished\b
    | \b(?:got|has|have|caught|picked[ ]up)[ ](?:a[ ])?virus\b
    | encrypt(?:ed|ing)
    | \b(?:get|getting|being)[ ]hacked
    | \bspyware\b
    | \bkeylogger
""")

# Asking about security in general: a policy word and a security word in one clause.
_POLICY_WORD = r"""(?:\bwhat[ ](?:\w+[ ])?(?:is|are)\b|\bwhats\b
    |\b(?:do|does|can|could|would|will)[ ]
    (?:you|your|the|our|we)\b|\bare[ ](?:we|our|the|you)\b|\bis[ ](?:our|the|my)\b
    |\bhow[ ](?:do|can|would
    |should|could|does)\b|\bshould[ ](?:we|i)\b|\bprotect\w*|\bprevent\w*|\bagainst\b
    |\bsafe[ ]from\b|\bmake[ ]sure\b|\bnever[ ]get\b|\bwould[ ]we[ ](?:even[ ])?know\b)"""
_SECURITY_WORD = r"""(?:ransom\w*|rans\w*[ ]?ware|malware|virus\w*|encrypt\w*|hack\w*|phish\w*
    |spyware|scam\w*|bank[ ]details|direct[ ]deposit|stolen|gift[ ]?cards?)"""
SECURITY_POLICY = _rx(rf"""
      {_POLICY_WORD} [^.,;?!\n]{{0,50}} {_SECURITY_WORD}
    | {_SECURITY_WORD} [^.?!\n]{{0,30}} \b(?:at[ ]rest|in[ ]transit|protect\w*|prevent\w*|safe
        |policy|insurance|training|backups?)\b
    # what a kind of incident costs or whether it is covered: "cleaning up a hacked website
    # isn't covered by hosting"
    | \b(?:a|an|any)[ ]{_SECURITY_WORD}[ ](?:\w+[ ])?(?:website|site|account|mailbox|pc|computer
        |laptop|device|server)s?\b [^.?!\n]{{0,40}} \b(?:covered|cover(?:s|age)?|included|charged?
        |costs?|plans?|contract)\b
""")


# Symptoms of an incident that people describe without naming it.
SECURITY_SIGNS = _rx(r"""
    # renamed files and strange extensions
      \bfile[ ]?names?\b .{0,40} \b(?:changed|renamed|random|weird|strange|gibberish|scrambled)
    | \b(?:strange|weird|odd|random|funny|unknown|different)[ ](?:file[ ])?extensions?\b
    | \b(?:every(?:thing)?|all[ ](?:the[ ]|our[ ]|my[ ])?files)\b .{0,30} [ ]\.[a-z0-9]{3,10}\b
    | \b(?:server|we|pcs?|computers?|network|office|practice)[ ](?:got|were|was|been|have[ ]been
        |has[ ]been|just[ ]got)[ ]hit\b
        (?![ ](?:with|by)[ ](?:a|an|the)[ ](?:\w+[ ]){0,2}(?:bill|invoice|charge|fee|fine|price
        |rise|increase|storm|flood|bug|cold|flu))
    | (?:ends?|ending|turned[ ]into|changed[ ]to)[ ](?:in[ ])?\.[a-z0-9]{2,10}\b
    | \.(?!(?:docx?|xlsx?|pptx?|pdf|jpe?g|png|gif|txt|csv|zip|msg|pst|ost|eml|mp[34]|mov|exe
        |dmg|html?|heic|pages|numbers|key|rtf|odt|ods|xml|json|dwg|psd)\b)[a-z0-9]{2,8}[ ]
        (?:files|instead[ ]of)\b
    | \bread_?me\.txt|\breadme\.txt|how_?to_?(?:decrypt|recover)|recover_?files
    | \b(?:files?|docs?|documents?|photos)\b .{0,40} \b(?:gibberish|scrambled|symbols|unreadable)
    | \bscreens?\b .{0,30} \b(?:taken[ ]over|hijacked)\b
    | \b(?:random|weird|strange)[ ](?:letters|characters|numbers)\b .{0,30}
        \b(?:added|on[ ]the[ ]end|end)\b
    | \b(?:txt|text)[ ]file\b .{0,40} \b(?:every|each|all)\b
    | \bevery[ ](?:one|folder)\b .{0,40} \b(?:txt|text)[ ]file
    | \bbitcoin[ ](?:address|wallet)\b
    | \b(?:files|screen|computer|documents)\b .{0,60} \bbitcoin\b
    | \b(?:home[ ]?page|website|site)\b .{0,40}
        \b(?:replaced|taken[ ]over|spam|sent[ ](?:her|him|them|me|people|customers)[ ]to)\b
    | \b(?:owe|fine|pay)\b .{0,40} \bunlock\b
    # sign-ins nobody made: a reset "that wasn't me", prompts nobody asked for, a login
    # used abroad, every account locked at once
    | \b(?:reset|changed|logged[ ]in|signed[ ]in|login|sign[ ]?in)\b .{0,50}
        \b(?:(?:it|that|this)[ ]wasnt[ ]me|not[ ]me)\b
    | \bkeeps?[ ](?:getting|popping[ ]up[ ]with)[ ](?:\w+[ ])?(?:approval|mfa|sign[ ]?in|login
        |authenticat\w*)[ ](?:prompts?|requests?|notifications?)\b
    | \b(?:login|account|password|card|details)\b .{0,30} \bused[ ](?:from|in|by)\b .{0,20}
        \b(?:another|other|different|foreign|unknown|overseas)\b
    | \b(?:every|all)[ ](?:the[ ]|our[ ])?accounts?\b .{0,20} \blocked\b
    # someone else at the controls, or the antivirus raising the alarm
    | \b(?:mouse|cursor|pointer)\b .{0,20} \b(?:mov\w*|click\w*|jump\w*)[ ](?:about[ ]|around[ ])?
        (?:by[ ]itself|on[ ]its[ ]own)\b
    | \b(?:some(?:one|body)s|(?:some(?:one|body)|a[ ]stranger)[ ](?:else[ ])?(?:is|was))[ ]
        (?:controlling|using|in)[ ](?:my|our|the)[ ](?:pc|computer|laptop|screen|mouse|machine)\b
    | \b(?:antivirus|anti-virus|defender|sophos|norton|mcafee|webroot|sentinel\w*|av)\b .{0,40}
        \b(?:threats?|viruse?s?|malware|trojans?|infections?)[ ](?:was[ ]|were[ ])?
        (?:found|detected)\b
    # mail sent in my name, rules and codes nobody asked for
    | \b(?:emails?|messages?)[ ](?:went[ ]out|was[ ]sent|were[ ]sent|got[ ]sent|going[ ]out
        |being[ ]sent|are[ ]going[ ]out)[ ](?:from|in)[ ](?:my|our)[ ](?:account|name|email
        |mailbox|address)
    | \bforward(?:ing)?[ ]rules?\b
    | \brules?\b .{0,80} \b(?:didnt|did[ ]not|never)[ ](?:make|set|create)
    | \brules?\b .{0,40} \bforward\w*\b .{0,40} \b(?:gmail|hotmail|yahoo|outside|external)\b
    | \bforward\w*\b .{0,40} \b(?:gmail|hotmail|yahoo|outside|external)\b .{0,40}
        \b(?:didnt|did[ ]not|never|not[ ]me|someone|somebody)\b
    | \b(?:weird|dodgy|strange|odd|suspicious|fake)\b .{0,30} \b(?:from[ ]me|from[ ]my)\b
    | \b(?:emails?|messages?|links?|invites?|invitations?)\b [^.?!]{0,20} \bfrom[ ](?:me|my)\b
        [^.?!]{0,40} \b(?:never|didnt|wasnt)\b
    | \b(?:address[ ]book|contacts|clients?|customers?|everyone)\b .{0,50}
        \b(?:from[ ]me|from[ ]my|from[ ]us|from[ ]our)\b .{0,40} \b(?:link|invitation|invoice
        |weird|dodgy|strange|never[ ]sent)
    | \b(?:clients?|customers?|suppliers?)\b .{0,30} \b(?:dodgy|fake|weird|strange|suspicious)\b
        .{0,30} \b(?:from[ ]us|from[ ]our|from[ ]my)\b
    | \bout[ ]of[ ](?:the[ ])?office\b .{0,40} \b(?:i|we|ive|nobody)[ ](?:never|didnt|did[ ]not)?
        [ ]?(?:set|turned[ ]on|switched[ ]on|put[ ]on|made)\b(?<!\bi[ ]set)(?<!\bwe[ ]set)
    | \b(?:emails?|messages?|invoices?|links?)\b .{0,40} \b(?:i|we)[ ](?:havent|never|didnt)[ ]
        sen[dt]\b
    | \b(?:i|we)[ ](?:havent|never|didnt)[ ]sen[dt][ ](?:him|her|them|anything|those|these|any)\b
    | \brecovery[ ](?:phone|email|number)\b .{0,30} \bchanged\b
    | \bread[ ](?:him|her|them)[ ](?:the[ ]|my[ ])?(?:latest|codes?|number|digits|one)\b
    | \b(?:gave|give|told|tell)[ ](?:him|her|them)[ ](?:the[ ]|my[ ])?codes?\b
    | (?:verification|security|login|sign[ -]?in|mfa|2fa|authenticator|one[ ]time)[ ]
        (?:codes?|texts?|prompts?|requests?|notifications?|pushes)
        .{0,50} (?:didnt|did[ ]not|never|wasnt|not[ ]me|asleep|nobody|random|keep)
    | (?:didnt|did[ ]not|never)[ ](?:ask|request)\w*[ ]for .{0,30} (?:code|prompt)
    | \b(?:hit|pressed|tapped|clicked)[ ]approve\b(?![ ](?:on|for)[ ](?:the|a|an|his|her|their
        |my|your|our)[ ](?:\w+[ ])?(?:leave|holiday|expense|invoice|timesheet|purchase|order
        |document|quote|change|budget|post))
    | \b(?:approve|authenticator|mfa|2fa)\b .{0,60}
        \b(?:not[ ](?:logging|signing|trying)|im[ ]not[ ](?:logging|signing)|wasnt[ ]me|didnt
        |wasnt[ ](?:logging|signing|trying)|its[ ]not[ ]me|not[ ]me\b)
    | \b(?:signed|logged)[ ](?:in|on)[ ](?:on|to|at|into)[ ](?:a|the|that|this)[ ](?:page|site
        |website|link)
    | \b(?:reply|email|message)\b .{0,40} \bcame[ ]from[ ]a[ ](?:gmail|hotmail|yahoo|personal
        |different|outside)\b
    | \b(?:an?|this|that|the|got|getting|received)[ ](?:successful|unusual|strange|unknown|weird
        |odd|unfamiliar|foreign)[ ](?:sign[ -]?in|log[ -]?in|login)\b(?![ ](?:warnings|alerts))
    | \b(?:signed|logged|sign[ -]?in|log[ -]?in|login)[ ](?:in[ ])?from[ ]
        (?!(?:home|the|work|my|our|your|his|her|their|a|an|this|that|another|any|anywhere
        |outside|here|there|mobile|phone|laptop|ipad|pc|mac|desktop)\b)[a-z]+
    | \b(?:sign[ -]?ins|log[ -]?ins|logins)\b .{0,40} \bfrom[ ](?:the[ ])?[a-z]+
    # a caller pretending to be support, and remote access given
    | \b(?:caller|someone|a[ ]guy|a[ ]man|a[ ]woman|the[ ]man|the[ ]guy|they)\b .{0,40}
        \b(?:talked[ ]me[ ]into|was[ ]on[ ]my|were[ ]on[ ]my|got[ ]on[ ]my
        |put[ ](?:\w+[ ]){1,2}on[ ](?:my|the|our)[ ](?:pc|computer|laptop|machine|screen))\b
    | \b(?:logmein|teamviewer|anydesk|ultraviewer|supremo|screenconnect)\b
    | \b(?:let|allowed)[ ](?:him|her|them|someone)[ ](?:onto|access|control|connect|remote|take
        |on[ ](?:to[ ])?(?:my|the|our)[ ](?:pc|computer|laptop|screen|machine)|on[ ]it
        |in(?:to)?[ ](?:my|the|our)[ ](?:pc|computer|laptop|screen|machine|account|email))\b
    | \b(?:he|she|they|someone|somebody|caller|guy|man|woman)[ ](?:had[ ]|has[ ]|was[ ]|got[ ])?
        (?:connect|remot)\w*[ ](?:to|into|in[ ]to)[ ](?:my|the|our)[ ](?:\w+[ ])?(?:pc|computer
        |laptop)
    | \b(?:microsoft|apple|windows|amazon|bt)[ ](?:technician|tech|support|engineer|agent)\b
        .{0,40} \b(?:called|rang|phoned|was[ ]on|on[ ]my)
    | \b(?:called|rang|phoned)[ ](?:me|us)\b .{0,60} \b(?:microsoft|apple|windows)\b
    | \b(?:someone|somebody|a[ ]guy|a[ ]man|a[ ]woman|a[ ]lady)[ ](?:from|claiming[ ]to[ ]be[ ]from)
        [ ](?:microsoft|apple|windows|bt|amazon|the[ ]bank|tech[ ]support)\b .{0,30}
        \b(?:rang|called|phoned|rung)\b
    | \b(?:followed|did)[ ]what[ ]it[ ]said\b
    | \binstalled[ ]their\b
    | \b(?:virus|locked|microsoft|warning)\b .{0,60} \b(?:call|ring|phone)[ ](?:the|this|a|an)[ ]
        (?:[\d-]+[ ])?(?:number|1-?800)\b
    | \b(?:rang|called|phoned|rung)\b .{0,60} \b(?:from|claiming|said[ ](?:he|she|they)[ ](?:was
        |were))\b .{0,30} \b(?:microsoft|apple|bt|the[ ]bank|it[ ]support|tech[ ]support|amazon
        |paypal|hmrc|irs|the[ ]police|the[ ]it[ ](?:team|department)|helpdesk
        |help[ ]desk)\b
    | \b(?:let|gave|allowed|installed)\b .{0,40} \b(?:remote[ ]access|teamviewer|anydesk
        |control[ ]of[ ](?:my|the)[ ](?:pc|computer|screen|laptop))
    | \b(?:pop[ -]?up|warning|message|screen)\b .{0,80} \b(?:rang|called|phoned|rung)[ ]
        (?:it|the[ ]number|them)\b
    # gift cards, payroll and payments to new accounts
    | \bin[ ]gift[ ]?cards\b
    | \bgift[ ]?cards?\b .{0,30} \b(?:asap|urgent\w*|today|need|needs)\b
    | \b(?:he|she|they|supplier|vendor|employee|contractor|someone|client|customer|staff[ ]member)
        s?\b .{0,40} \b(?:changed|switched|new|updated)[ ](?:banks?|bsb|sort[ ]code|account[ ]number
        |bank[ ]details)\b
    | \b(?:email|message|letter|request)\w*\b .{0,40} \b(?:new|changed|updated)[ ](?:bsb|sort[ ]code
        |account[ ]number|bank[ ]details)\b
    | \bbank[ ](?:has|have)[ ]changed\b
    | \bgift[ ]?cards?\b .{0,30} \b(?:wants|asked|asking|owe)\b
    | \bdirect[ ]deposit\b .{0,60} \b(?:chang\w*|updat\w*|new)
    | \b(?:change|update)\w*\b .{0,30} \bwhere[ ](?:their|my|his|her|our)[ ](?:pay|wages|salary)
    | \bdidnt[ ]get[ ]paid\b
    | \bgift[ ]?cards?\b .{0,60} \b(?:codes?|scratch)
    | \b(?:asked|asking|wants|wanted|told|needs)[ ](?:me|us|her|him|them)[ ](?:to[ ])?
        (?:buy|get|send|pick[ ]up)\b .{0,40} \bgift[ ]?cards?\b
    | \b(?:paid|payment|wire|transfer(?:red)?)\b .{0,60}
        \b(?:new[ ](?:bank|account)|changed[ ](?:bank|account)|different[ ]account)
""")

# Outages of the whole business said another way: "we have no internet", "email is down".
OUTAGE_MORE = _rx(r"""
    # we have no internet, we lost the phones
      \b(?:we|weve|we[ ]have|theres|there[ ]is)[ ](?:got[ ])?(?:no|lost)[ ](?:internet|wi-?fi
        |network|phones?|email|e-?mails?|power|connection|broadband|dial[ ]tone)\b
    | \b(?:we|weve)[ ](?:lost|have[ ]lost|just[ ]lost)[ ](?:the[ ]|our[ ]|all[ ])?(?:internet|wi-?fi
        |network|phones?|email|power|connection|broadband)\b
    # a shared service is down
    | ^\W*no[ ](?:internet|wi-?fi|network|phones?|email|power|broadband)\b
    | \b(?:the[ ]|our[ ])?(?:internet|wi-?fi|network|broadband|email|e-?mails?|outlook|phones
        |phone[ ](?:system|lines?)|server|system|systems|website|booking[ ]system
        |practice[ ](?:software|system)|power|teams|zoom|sharepoint|onedrive|office[ ]365|m365
        |microsoft[ ]365|google[ ]workspace|gmail|xero|sage|quickbooks|dentrix|eaglesoft|clio)s?
        [ ](?:is[ ]|are[ ]|has[ ]|have[ ]|just[ ])?(?:been[ ]|gone[ ]|went[ ])?
        (?:completely[ ]|totally[ ]|fully[ ]|all[ ])?
        (?:down|dead|offline|out)\b(?![ ](?:the[ ]road|the[ ]street|for[ ]maintenance|of[ ]date
            |of[ ](?:warranty|support|contract|stock|hours)))"""
    + _NOT_DOWN_AFTER + r"""
    | \bpower[ ]?(?:cut|outage|failure)\b
    | \bpower(?:s|[ ]is|[ ]has)?[ ](?:just[ ])?(?:gone|out|off)\b
    # nobody can reach us, nothing in or out
    | \b(?:customers?|clients?|patients?|callers?)[ ](?:cant|can[ ]not|are[ ]unable[ ]to
        |couldnt)[ ](?:reach|call|get[ ]through|contact|book|pay|hear)
    | \bnothing[ ](?:goes|is[ ]going|going)[ ]out\b
    | \bnothing[ ](?:comes|is[ ]coming|coming)[ ]in\b
    | \bnothings?[ ](?:is[ ])?(?:sending|arriving|coming[ ]in|going[ ]out|loading|printing)\b
    | \b(?:wont|cant|doesnt|not)[ ](?:\w+[ ]){0,2}(?:in|on|for)[ ](?:any|all)[ ]of[ ]the\b
    | \bevery[ ](?:\w+[ ]){0,2}(?:call|calls|pc|computer|screen|phone|till)s?\b .{0,40}
        \b(?:dropped|dead|down|frozen|crashed|cut[ ]off)
    | \b(?:\d+|several|half|most)[ ](?:of[ ](?:the|our)[ ])?(?:machines|computers|pcs|laptops
        |screens|tills)\b [^.?!]{0,40} \b(?:arent|not|wont|cant|down|dead|frozen|crashed)
    # nothing works, none of them work
    | \bnothing[ ](?:works|is[ ]working|will[ ](?:load|open|work))\b
    | \bnone[ ]of[ ](?:the|our|my)[ ][a-z]+[ ](?:work|are[ ]working|will[ ](?:work|open|load))
    | \ball[ ](?:of[ ])?(?:our|the)[ ](?:emails?|calls|phones|computers|pcs|screens)\b .{0,20}
        (?:bounc\w*|failing|dead|blank|frozen|down)
    | \b(?:every|all[ ](?:the|our))[ ](?:single[ ])?(?:computer|pc|machine|screen|laptop)s?\b
        .{0,40} \b(?:blue[ ]screen|black[ ]screen|bsod|frozen|crashed|wont[ ](?:start|boot))
    # the phone number is dead to callers
    | \b(?:main|phone|office)[ ](?:number|line)s?\b .{0,30}
        \b(?:dead|no[ ]dial|straight[ ]to|not[ ]ringing|disconnected)
    | \b(?:every[ ](?:single[ ])?caller|callers)\b .{0,40}
        (?:cant[ ]get[ ]through|cant[ ]hear|busy|engaged|dead|cut[ ]off|nothing)
    | \b(?:no[ ]longer|not)[ ]in[ ]service\b
    | \bemails?\b .{0,30} \bto[ ]us\b .{0,20} \bbounc
    # a system that will not open on any machine
    | \b(?:wont|cant|not|doesnt|isnt)\b .{0,40} \b(?:on|from)[ ](?:any|every|all)[ ]
        (?:of[ ](?:the[ ]|our[ ])?)?(?:pcs?|computers?|machines?|screens?|laptops?|desks?|tills?)\b
    | \bnone[ ]of[ ](?:the|our)[ ](?:pcs|computers|machines|screens|tills|laptops)[ ]can\b
""")

# Still going on (so "since yesterday" is not an outage that is over).
ONGOING = _rx(r"""
      \bsince\b
    | \btoday\b
    | \b(?:and|but|so)[ ]now\b
    | \b(?:wont|cant|isnt|arent|doesnt)[ ](?:boot|start|work|load|open|turn[ ]on|power[ ]on
        |come[ ](?:back|on)|get[ ]in)\b
    # "still", but not about the cause ("you still dont know why")
    | \bstill\b(?![ ](?:dont|do[ ]not|havent|hasnt|cant|no)[ ](?:\w+[ ])?
        (?:know|found|find|figured|worked|idea|explain|understand))
    | \b(?:has|have|hasnt|havent)[ ]been\b
    | \bright[ ]now\b
    | \bat[ ]the[ ]moment\b
    | \bcurrently\b
    | \bsince[ ](?:yesterday|last[ ]night|this[ ]morning)
""")

# Looking back at an outage that is over is a question about it, not an emergency
# (a theft or a break-in last night still is one: security patterns ignore this).
PAST = _rx(r"""
    # a day or period that is over
      \byesterday\b
    | \blast[ ](?:week|month|year|time|night|monday|tuesday|wednesday|thursday|friday
        |saturday|sunday)\b
    | \bthe[ ]other[ ]day\b
    | \bearlier[ ]this[ ](?:week|month)\b
    # in the past tense
    | \bnearly[ ](?:missed|lost)\b
    | \b(?:was|were)[ ](?:down|dead|offline|out)\b
    | \bwent[ ](?:down|offline|dark)[ ]for\b
    | \bwent[ ](?:down|offline|dark)[ ](?:on[ ])?(?:monday|tuesday|wednesday|thursday|friday
        |saturday|sunday)\b
    # a clause that dates the outage ("when the network went down you said...")
    | \b(?:when|after|the[ ]day|the[ ]time)[ ](?:the|our|my)[ ](?:\w+[ ]){0,2}
        (?:went|was|were)[ ](?:down|out|offline|dead)\b
    # how long it took to come back, or which priority it was given
    | \btook[ ](?:you[ ]|them[ ]|us[ ]|it[ ])?(?:\w+[ ]){0,3}to[ ]
        (?:get[ ](?:it|us|them|everything)[ ]back|come[ ]back|bring[ ]it[ ]back|restore)\b
    | \byou[ ](?:said|called|logged|marked|put)[ ](?:it[ ](?:was[ ])?|it[ ]down[ ]as[ ])?
        (?:as[ ])?an?[ ]p[1-4]\b
""")

HUMAN = _rx(r"""
    # talk to a person
      \b(?:talk|speak|chat)[ ](?:to|with)[ ](?:a[ ]|an[ ]|some[ ]|your[ ]|the[ ])?
        (?:real[ ]|actual[ ]|live[ ]|proper[ ])?
        (?:person|human|some(?:one|body)|tech|technician|engineer|agent|manager|representative
            |rep|boss|owner)\b
    # call me (not "did you call me")
    | (?<!did[ ])(?<!did[ ]you[ ])\b(?:call|ring|phone)[ ]me\b
    | (?<!did[ ])(?<!did[ ]you[ ])(?<!wont[ ])(?<!didnt[ ])(?<!never[ ])(?<!doesnt[ ])
        \b(?:call|ring|phone)[ ](?:us|me)[ ]back\b
    | \bgive[ ](?:me|us)[ ]a[ ](?:ring|call|bell|buzz|shout)\b
    | \b(?:can|could|will|would)[ ](?:someone|somebody|a[ ]tech|a[ ]person|you|a[ ]human)[ ]
        (?:please[ ])?(?:call|ring|phone|contact)[ ](?:me|us)\b
    # a meeting with one of the provider's people
    | \b(?:book|arrange|set[ ]up|schedule)[ ](?:a[ ]|an[ ])?(?:meeting|call|chat|session)[ ]with[ ]
        (?:your|a|the|one[ ]of[ ]your)[ ](?:\w+[ ])?(?:tech|techs|technician|engineer|manager
        |account[ ]manager|people|team)\b
    # a human, not the bot
    | \b(?:get|want|need|give)[ ](?:me[ ])?(?:a[ ]|an[ ])?(?:real[ ]|actual[ ]|live[ ])?
        (?:human|person)\b
    | \bhuman[ ]please\b
    | \bnot[ ](?:a|the|this)[ ]bot\b
    | \bstop[ ](?:the[ ]|this[ ])?bot\b
    | \bescalate[ ](?:this|it|my|our|please)\b
    | \b(?:please|pls)[ ]escalate\b
    | \b(?:want|need)[ ](?:you[ ])?to[ ]escalate\b
    # put me through
    | \bput[ ]me[ ]through\b
    | \bconnect[ ]me[ ](?:to|with)\b
    # a person to take it over
    | \b(?:a|an[ ]actual|a[ ]real)[ ](?:human|person)[ ](?:to[ ])?
        (?:pick|look[ ]at|handle|take[ ]over|deal[ ]with)
""")

# Why/how-come questions are about policy, even when they mention passwords or tickets.
EXPLANATORY = _rx(r"""
^\W*(?:(?:hi|hello|hey|morning|afternoon|ok|okay|so|sorry|quick[ ]question|question)\W+)?
(?:please[ ]|can[ ]you[ ]|could[ ]you[ ])?
(?:
    # why, and asking for the reason
      why
    | how[ ]come
    | whats[ ]the[ ]point
    | what[ ]is[ ]the[ ]point
    | explain
    # how things are done, and whether there is a way
    | how[ ](?:will|would|should|does|often|much|long)[ ]
    | is[ ]there[ ](?:a|any)[ ]way
    | when[ ](?:would|do|does|will)[ ]you
    | what[ ]happens
    # whether we need to do or buy something
    | (?:do|should)[ ](?:i|we)[ ](?:need|have[ ]to|buy|get)
)\b
""")

STAFF_ONLY = _rx(r"""
    # ticket status
      \b(?:status|progress|update|news|eta)\b .{0,20} \b(?:on|of|for|with)[ ]
        (?:my|our|the|that|this)[ ](?:ticket|case|request|job|issue)
    | \b(?:ticket|case|job|request)\b .{0,12} (?:\#|no\.?[ ]?|number[ ]?)?\d{3,}
    | \#\d{3,}
    | \bwhere[ ](?:are[ ]we|is[ ]it|are[ ]you)[ ](?:at[ ]|up[ ]to[ ])?with[ ](?:my|our|the)
    | \bref(?:erence)?\.?[ ]?(?:no\.?[ ]?|number[ ]?)?\#?\d{3,}
    | \bhappening[ ]with[ ](?:my|our|the)[ ](?:case|ticket|request|job)
    # accounts and passwords
    | \b(?:reset|unlock|forgot(?:ten)?|change)[ ](?:my[ ]|our[ ]|the[ ]|his[ ]|her[ ]|their[ ]
        |a[ ])?(?:\w+[ ]){0,2}(?:password|passcode|pin)\b
    | \bunlock\b .{0,30} \b(?:account|login|user|laptop|computer|phone|pc)
    | \bpassword[ ]reset\b
    | \blocked[ ]out[ ]of[ ](?:my|the|our)\b
    | \bam[ ]locked[ ]out\b
    | \bim[ ]locked[ ]out\b
    # starters and leavers
    | \bnew[ ](?:starter|hire|employee|staff[ ]member|user|joiner|team[ ]member|colleague
        |person|recruit)(?!s)
    | \b(?:\d+|two|three|four|five)[ ]new[ ](?:starters|hires|joiners|users|employees)\b
    | \bnew[ ](?:starters|hires|joiners)[ ](?:next|on|this|starting|tomorrow|monday)
    | \b(?:starts|starting|joins|joining)\b[ ](?:on[ ]|next[ ]|this[ ])?
        (?:monday|tuesday|wednesday|thursday|friday|tomorrow|week|today)\b
    | \bset[ ](?:\w+\.?[ ]){1,3}up[ ](?:in|on|with|for)\b
    | \b(?:onboard|offboard)
    | \bleaver\b
    | \b(?:has|have)[ ]left[ ](?:the|our)[ ](?:company|practice|firm)
    | \b(?:set[ ]?up|create|make|add)[ ](?:a[ ]|an[ ]|the[ ])?(?:new[ ])?(?:\w+[ ])?
        (?:account|login|mailbox|email[ ]address|user)\b
    # work requests: an instruction to do something
    | \b(?:please|pls|can[ ]you|could[ ]you|can[ ]some(?:one|body)|could[ ]some(?:one|body)
        |would[ ]you|can[ ]u|need[ ]you[ ]to|(?<!do[ ])i[ ]need|(?<!do[ ])we[ ]need|^\W*need
        |id[ ]like|i[ ]want|we[ ]want|id[ ]love|(?:can|could)[ ](?:we|i)[ ]get)\b
        .{0,40}
        \b(?:install\w*|set[ ]?up|add|remove|move|order|buy|purchase|configure|replace|upgrade
            |replaced|replacement|swapped|looked[ ]at|find[ ]out[ ]why|look[ ]into|investigate
            |grant|share|map|connect|create|delete|fix|repair|sort[ ](?:out|\w+[ ]out)
            |come[ ](?:and[ ])?(?:fix|look|see|sort)|look[ ]at[ ](?:my|our|the|his|her)[ ]\w+
            |come[ ](?:in|out|over|onsite)|send[ ](?:someone|a[ ]tech)
            |new[ ](?:laptop|pc|computer|monitor|phone|printer|keyboard|mouse|headset))\b
    | ^\W*(?:please[ ]|pls[ ])?(?:install|set[ ]?up|add|remove|order|create|unlock|grant|map
        |configure|replace|give[ ]me[ ]access|give[ ]\w+[ ]access)\b
    | \b(?:need|want|give|grant)[ ](?:me[ ]|him[ ]|her[ ]|them[ ]|us[ ])?access[ ]to\b
""")

# Requests that are plainly not about IT service.
OFF_TOPIC = _rx(r"""
    # creative writing and jokes
      \b(?:write|compose|make[ ]up|sing|recite)[ ](?:me[ ]|us[ ])?(?:a[ ]|an[ ]|some[ ])?(?:\w+[ ])?
        (?:poem|song|story|haiku|essay|limerick|rap|joke)
    | \b(?:tell|know)[ ](?:me[ ]|us[ ])?(?:a[ ]|any[ ])?(?:good[ ])?jokes?\b
    | \bjoke\b
    # food, weather and sport
    | \brecipe
    | \bweather\b
    | \bforecast\b
    | \bwho[ ]won\b
    | \bscore\b
    | \bworld[ ]cup\b
    | \bsuper[ ]?bowl\b
    | \b(?:going[ ]to|gonna|will[ ]it)[ ](?:rain|snow|be[ ]sunny|be[ ]hot|be[ ]cold)\b
    | \btemperature[ ]outside\b
    # money tips, trivia and schoolwork
    | \bstock[ ](?:tip|pick)s?\b
    | \bbitcoin\b
    | \bcrypto\b
    | \bcapital[ ]of\b
    | \bhomework\b
    | \bhoroscope\b
    # leisure and life
    | \bmeaning[ ]of[ ]life\b
    | \bmovies?\b
    | \brestaurants?\b
    | \bbirthday\b
    | \bvacation[ ]ideas\b
    # letters and speeches
    | \b(?:write|draft|compose)[ ](?:me[ ]|us[ ])?(?:a[ ]|an[ ])?
        (?:cover[ ]letter|letter[ ]to|speech|toast|eulogy)
    | \bcover[ ]letter\b
    # investing
    | \b(?:buy|sell|invest\w*)\b .{0,20} \b(?:stocks?|shares|crypto|bitcoin)\b
""")

# Personal and leisure requests that stay off topic even when they name a computer.
PERSONAL = _rx(r"""
    # gaming
      \bgaming[ ](?:pc|laptop|rig|chair|console|setup|computer|mouse|keyboard|headset|monitor)s?\b
    | \b(?:video|pc|computer|console)[ ]?games?\b
    | \bgamers?\b
    | \bfortnite\b
    | \bminecraft\b
    | \bxbox\b
    | \bplaystation\b
    | \bps5\b
    | \bnintendo\b
    | \bsteam[ ]deck\b
    | \bfps\b
    # for the family
    | \bfor[ ]my[ ](?:kid|kids|son|daughter|child|children|grandson|granddaughter|nephew
        |niece)s?\b
    | \bmy[ ](?:kid|son|daughter|child|grandson|granddaughter|husband|wife)s?[ ]
        (?:wants|needs|asked)\b
    | \b(?:get|buy)[ ]my[ ](?:husband|wife|partner|mum|mom|dad|son|daughter|kids?)\b
    # computing history and trivia
    | \bwho[ ]invented\b
    | \binventor[ ]of\b
    | \bhistory[ ]of[ ](?:the[ ])?(?:computer|internet)\b
    # for myself or a relative, gifts, home entertainment
    | \bfor[ ](?:myself|my[ ](?:husband|wife|partner|mum|mom|dad|grandson|granddaughter|son
        |daughter))\b
    | \bselling[ ]my\b
    | \b(?:christmas|birthday)[ ](?:present|gift)\b
    | \bnetflix\b
    | \bsmart[ ]tv\b
""")

# Saying outright that it is not about work.
NOT_WORK = _rx(r"""
      \bnothing[ ]to[ ]do[ ]with[ ]work\b
    | \bnot[ ](?:about|for|related[ ]to)[ ]work\b
    | \bnot[ ]work[- ]related\b
""")

# Vocabulary of IT service: a message with none of it and a weak match is off topic.
DOMAIN = _rx(r"""
\b(?:
    # computers
      computers?
    | pcs?
    | laptops?
    | desktops?
    | macs?
    | macbooks?
    | imacs?
    | servers?
    | iphones?
    | ipads?
    | tablets?
    | docks?
    | headsets?
    | webcams?
    | offline
    | websites?
    | zoom
    | excel
    # networks and the internet
    | network\w*
    | wi-?fi
    | internet
    | broadband
    | isp
    | router
    | modem
    | firewall
    # email and Microsoft 365 or Google
    | e-?mails?
    | outlook
    | inbox
    | mailbox
    | microsoft
    | office[ ]?365
    | m365
    | 365
    | teams
    | onedrive
    | sharepoint
    | google
    | gmail
    # printers, scanners, phones
    | printers?
    | printing
    | scanners?
    | phones?
    | voip
    # software and updates
    | software
    | apps?
    | applications?
    | programs?
    | updates?
    | updating
    | patch\w*
    | windows
    # passwords and accounts
    | passwords?
    | mfa
    | 2fa
    | authenticator
    | log[ ]?in
    | sign[ ]?in
    | accounts?
    # the support service and its people
    | tickets?
    | support
    | help[ ]?desk
    | techs?
    | technicians?
    | engineers?
    # billing and the agreement
    | invoices?
    | bill\w*
    | charged?
    | contract
    | agreement
    | sla
    | plan
    | cover(?!\s+letter)\w*
    # backups and security
    | backups?
    | virus
    | antivirus
    | security
    | secure
    | hack\w*
    | vpn
    # remote or on site
    | remote\w*
    | on-?site
    # hardware and storage
    | hardware
    | warranty
    | monitors?
    | keyboards?
    | mouse
    | screens?
    | drives?
    | disks?
    | files?
    | data
    | cloud
    # business software
    | quickbooks
    | sage
    | xero
    # outages, response and priority
    | outages?
    | uptime
    | downtime
    | respon\w*
    | emergenc\w*
    | priorit\w*
    # managed services and providers
    | msp
    | managed
    | provider
    | cable[ ]company
    | utilit\w*
    | admin
    # installing, upgrading, devices and their troubles
    | installs?
    | installed
    | upgrade\w*
    | devices?
    | crash\w*
    | freez\w*
    | queue
    | sla
    | replac\w*
    | quarterly[ ]review
    # threats
    | ransom\w*
    | phish\w*
    | malware
    | scam\w*
    | spam
    # the provider's people
    | you[ ]guys
    | your[ ](?:whole[ ]|entire[ ])?(?:team|techs?|guys|engineers|staff|service|company|office)
)\b
""")

# Words that lean towards IT service but also occur in everyday talk.
WEAK_DOMAIN = _rx(r"""
\b(?:
    # something broken that needs fixing
      fix\w*
    | broke\w*
    # out of hours
    | weekends?
    | after[ ]?hours
    | evenings?
    | holidays?
    # how bad it is
    | urgent
    | slow
    | down
    | problems?
    | issues?
    | working
    | important
    # asking for help
    | contact
    | help
)\b
""")

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
NOT_AN_INCIDENT = _rx(r"""
    # the provider's own people
      \byour[ ](?:whole[ ]|entire[ ])?(?:team|company|staff|office|techs?|engineers?|guys
        |people)\b
    # locking down, slowing down, cutting down on (a power cut that took things down is
    # an outage)
    | \block(?:ed|ing|s)?[ ](?:\w+[ ]){0,3}down\b
    | \bslow(?:s|ed|ing)?[ ](?:\w+[ ]){0,3}down\b
    | \b(?:shut|shutting|turn|turning|power|powering)[ ](?:\w+[ ]){0,3}(?:down|off)\b
    | \bcut(?:s|ting)?[ ](?:\w+[ ]){0,2}down[ ](?:on|the|our)\b
    | \bcant[ ]do[ ]anything[ ]without\b
    | \beveryone[ ]elses?[ ](?:is|are)[ ]fine\b
    # an incident that never happened ("we've never been hacked")
    | \b(?:never|not[ ]once)[ ](?:been|got|had|gotten|caught)[ ](?:hacked|a[ ]virus|ransomware|hit
        |phished|scammed|infected)\b
    | \b(?:dont|didnt|doesnt|cant|never)[ ](?:get|catch)[ ](?:a[ ])?viruse?s?\b
    # a target or agreement breached
    | \b(?:sla|contract|agreement|target|deadline)s?[ ](?:\w+[ ]){0,2}breached\b
""")

# "Is setting up a new starter included?" asks about the agreement, not for the work.
ASKS_COVERAGE = _rx(r"""
\b(?:
    # included or billed
      included
    | billed
    | billable
    | charged
    | charge[ ](?:us|me|for|extra)
    | (?:a|the|this|that)[ ]charge
    | covered
    # what it costs ("an extra monitor" is a request, "an extra charge" a question)
    | extra[ ](?:cost|charge|fee|bill)s?
    | (?:cost|charge|pay)[ ]extra
    | cost
    | costs
    # part of the agreement
    | part[ ]of[ ](?:what[ ]we[ ]pay|the[ ](?:plan|contract|agreement))
    # what the cover includes
    | includes?
    | (?:does|do)[ ](?:the|our|your)[ ](?:\w+[ ])?cover
    | cover[ ](?:include|things|stuff|that|this)
)\b
""")

ASKS_WHY = _rx(r"""
\b(?:
    # asking for a reason
      why
    | how[ ]come
    | (?:is|could|would|might)[ ](?:that|this|it)[ ](?:\w+[ ]){0,2}(?:be[ ])?(?:the[ ])?
        (?:reason|cause)
)\b
""")

WORK_CONTEXT = _rx(r"""
\b(?:
    # work and the workplace ("it doesn't work" is not about the workplace)
      (?<!doesnt[ ])(?<!dont[ ])(?<!wont[ ])(?<!not[ ])(?<!cant[ ])(?<!didnt[ ])work
    | office
    | company
    | business
    | practice
    | firm
    # us and our people
    | our
    | staff
)\b
""")

# Asking what the bot is for, and nothing else ("help", "what can you do?").
ASKS_WHAT_BOT_DOES = re.compile(
    r"""^\W*(?:hi|hello|hey)?\W*(?:
        help(?:[ ](?:me|please|pls))?
      | what[ ](?:can|do)[ ]you[ ](?:do|help[ ]with)
      | what[ ]are[ ]you(?:[ ]for)?
      | who[ ]are[ ]you
      | how[ ](?:does|do)[ ](?:this|you)[ ]work
      | how[ ]do[ ]i[ ]use[ ](?:this|you)
      | (?:show[ ]me[ ]the[ ])?(?:menu|commands|options)
    )\W*$""",
    re.VERBOSE,
)

# A report of a fault happening now: something named, and something wrong with it
# ("outlook keeps asking for my password", "the printer in reception says offline").
_THING = r"""(?:
      printers?|printing|scanners?|scanning|laptops?|pcs?|computers?|desktops?|monitors?
    | screens?|keyboards?|mouse|headsets?|docks?|docking[ ]station|webcams?|cameras?|phones?
    | iphones?|ipads?|tablets?|outlook|e-?mails?|inbox|mailbox|calendar|teams|zoom|excel|word
    | powerpoint|onedrive|sharepoint|drives?|folders?|files?|servers?|wi-?fi|internet|vpn
    | network|router|tills?|card[ ](?:reader|machine)|software|apps?|programs?|system|website
    | voicemail|log[ ]?in|account|passwords?|browser|chrome|edge|adobe|acrobat|quickbooks
    | sage|xero|dentrix|clio|speakers?|microphone|mic|battery|charger|usb|cable|windows|mac
    | label[ ]printer|database|portal|sync
)"""
_FAULTY = r"""(?:
      not[ ](?:working|loading|showing|opening|syncing|printing|charging|connecting|responding
        |sending|receiving|turning[ ]on|booting|starting)
    | (?:isnt|arent|wasnt)[ ]working
    | (?:doesnt|dont)[ ](?:work|open|load|print|connect|sync|show)
    | wont[ ](?:open|start|load|print|connect|turn[ ]on|boot|sync|send|let[ ]me|work|charge
        |scan|save|close|go[ ]away)
    | cant[ ](?:log[ ]?in|login|print|open|connect|send|receive|access|get[ ]into|see|find|hear
        |scan|save|sign[ ]in|get[ ]on)
    | keeps?[ ](?:asking|crashing|freezing|dropping|disconnecting|popping|saying|restarting
        |logging|flashing|beeping|going|failing|coming[ ]up|telling)
    | stopped|broken|broke|died|dead|crash(?:ed|es|ing)|freez(?:es|ing)|frozen|stuck|jammed
    | error|flicker\w*|blurry|beeping|grinding|slow|laggy|lagging
    | drops?[ ]out|dropping|disconnect\w*|bounc\w*|missing|disappeared|vanished|offline
    | blank|(?:blue|black)[ ]screen|greyed[ ]out|spinning|spins|hangs|hanging|wiped|corrupt\w*
)"""
FAULT = _rx(rf"""
      \b{_THING}\b .{{0,60}}? \b{_FAULTY}
    # what the screen says ("outlook says 'cannot connect'"), not what the vendor says
    | \b(?:it|screen|{_THING}|message|error|box|window|pop[ -]?up)[ ](?:just[ ]|now[ ]|keeps[ ])?
        (?:says|saying|shows|showing)\b
    | \b{_FAULTY}\b .{{0,40}}? \b{_THING}\b
    | ^\W*(?:hi\W+|morning\W+)?(?:i|we)[ ](?:cant|can[ ]?not|am[ ]unable[ ]to|couldnt)[ ]
        (?:log|print|get|access|open|send|see|connect|find|hear|save|scan|sign)
""")

# A message that mentions a fault but is about something else: whether it counts as an
# emergency, whose fault or job it is, an existing ticket's history, a comparison, what
# to tell us, a home or personal device.
NOT_A_REPORT = _rx(r"""
    # whose problem, the cause, whether it is normal
      \bis[ ](?:that|this|it)[ ](?:normal|common|a[ ]thing|why|because|related|my[ ]fault
        |our[ ]fault|[a-z]+s[ ](?:problem|fault|issue))
    | \bcould[ ](?:that|this|it)[ ](?:be|have)\b
    | \bwas[ ](?:that|it)[ ](?:my|our)[ ]fault\b
    | \bwho(?:s|[ ]is)[ ](?:actually[ ])?(?:responsible|meant|supposed|going[ ]to)\b
    | \bwhose[ ](?:job|problem|fault|responsibility)\b
    | \b(?:vendor|isp|provider|company|people|microsoft|google|supplier|they|guys)[ ]
        (?:says|said|keeps[ ]saying|say)\b
    | \bis[ ]there[ ](?:really[ ])?(?:no|anything)\b
    | \bwho[ ](?:compensates|pays|covers|is[ ]liable)\b
    | \bcompensat\w*
    | \bwhich[ ](?:category|option|form|priority|box)\b
    | \bam[ ]i[ ](?:meant|supposed)[ ]to\b
    # the history of a ticket already logged
    | \b(?:i|we)[ ](?:logged|reported|raised|emailed|rang|called|put[ ]in)\b
    | \b(?:i|we)[ ](?:were|was)[ ]told\b
    | \bapparently\b
    | \byour[ ](?:tech|techs|guy|guys|team|engineer|lot|people)\b
    | \byou[ ](?:said|replied|responded|fixed|replaced|told|took)\b
    | \b(?:replied|responded|acknowledged|looked[ ]at)[ ](?:within|in)\b
    | \b(?:days?|weeks?)[ ](?:later|now)\b
    | \bon[ ]day[ ]\w+\b
    | \bfor[ ](?:days|a[ ]week|weeks|ten[ ]days)\b
    | \bstill[ ](?:not[ ])?(?:sorted|fixed|broken|dead|open)\b
    | \btickets?[ ](?:is[ ])?still\b
    | \bthe[ ](?:tech|engineer|technician)[ ](?:says|said)\b
    | \b(?:replacement|warranty|on[ ]order)\b
    # a comparison, a habit, a rhetorical question
    | \b(?:more|less)[ ](?:important|urgent)[ ]than\b
    | \bjump[ ]ahead\b
    | \bhow[ ](?:are|is)[ ](?:you|anyone|it)[ ](?:ever[ ])?going[ ]to\b
    | \bwill[ ](?:this|it)[ ]ever\b
    | \bnever[ ]when\b
    # what to tell you, how to report
    | \bwhat[ ](?:info|information|details)\b
    | \bhow[ ]do[ ]i[ ](?:take|report|log|tell)\b
    # a home or personal device
    | \b(?:personal|home|my[ ]own|private)[ ](?:laptop|pc|computer|phone|ipad|tablet|device|printer
        |mac)
    | \bat[ ]home\b
""")

# Asking about the timeline of something already reported ("when will it be fixed?").
TIMELINE = _rx(r"""
      \bwhen[ ]will\b
    | \bhow[ ](?:long|much[ ]longer)\b
    | \beta\b
    | \bits[ ]been\b
    | \bbeen[ ]waiting\b
    | \bstill[ ](?:not[ ]fixed|waiting|broken)\b
    | \bany[ ](?:update|news)\b
""")

# The business is waiting on it now: patients in the chairs, customers queuing.
BUSINESS_WAITING = _rx(r"""
      \b(?:line|queue)[ ](?:out[ ]the[ ]door|of[ ]customers)
    | \bwaiting[ ]room[ ](?:is[ ])?full\b
    | \bshops?[ ](?:is[ ])?full\b
    | \b(?:dinner|lunch|breakfast)[ ](?:service|rush)\b
    | \bpatients[ ](?:arriving|start|starting)\b
    |
      \b(?:patients|customers|clients|guests|diners|people)[ ](?:are[ ])?(?:in[ ]the[ ]chairs?
        |waiting|queuing|queueing|at[ ]the[ ](?:desk|counter|till))
    | \bqueue[ ](?:out[ ]the[ ]door|building|of[ ](?:customers|patients))
    | \bturning[ ](?:people|customers|patients)[ ]away
    | \bcant[ ](?:see|treat|serve|check[ ]in)[ ](?:any[ ])?(?:patients|customers|clients)
""")

# The provider is on it already: a complaint about an outage being handled, not a new one
# ("your tech says it's a Microsoft problem, isn't that what we pay you for?").
KNOWN_ALREADY = _rx(r"""
      (?<!\bcan[ ])(?<!\bcould[ ])\byour[ ](?:tech|techs|guy|guys|team|lot|engineer|answer|people)\b
    | \byou[ ]say\b
    | \bwe(?:ve|[ ]have|[ ]were)?[ ](?:been[ ])?told\b
    | \bsomeone[ ]replied\b
    | \bcant[ ]you[ ]just\b
    | \bso[ ]what\b(?![ ]now)
    | \bwho[ ]checked\b
    | \bwhats?[ ](?:is[ ])?the[ ]point\b
    | \bso[ ]why\b
    | \bwhy[ ]is[ ](?:\w+[ ]){1,2}still\b
    | \bwhy[ ](?:does|do|would|did)[ ](?:a|an|the|they|you|it)\b
    | \b(?:more|less)[ ](?:important|urgent)[ ]than\b
    | \bwhat[ ](?:exactly[ ])?(?:do|does|are|will)[ ]you[ ](?:do|doing)\b
    | \bthe[ ](?:tech|engineer)[ ](?:said|says)\b
    | (?<!\bfar[ ]as[ ])\bwe[ ](?:know|knew)\b
    | \balready[ ](?:told|reported|logged|called|rang)\b
    | \b(?:i|we)[ ](?:reported|logged|raised|rang[ ]you|called[ ]you)\b
    | \bisnt[ ]that[ ](?:your[ ]job|what[ ]we[ ]pay)
    | \bwhat[ ](?:exactly[ ])?(?:are[ ]we|do[ ]we)[ ](?:paying|pay)
    | \b(?:why|how[ ]come)[ ](?:cant|couldnt|didnt|dont|wont)[ ]you\b
    | \bwere[ ]waiting[ ]on\b
    | \b(?:i|we)[ ](?:called|rang|phoned)[ ](?:the|your)[ ](?:\w+[ ])?(?:line|number|helpdesk
        |help[ ]desk|support)\b
    | \bwere[ ]told\b
    | \bgot[ ]a[ ]call[ ]back\b
""")

# Nothing was done: a near miss, unless someone else may have ("I didn't, but Jess might").
NEAR_MISS = _rx(r"""
      \b(?:didnt|did[ ]not|never|havent|have[ ]not|wont)[ ](?:ring|call|click|open|reply
        |download|install|respond|answer)\w*\b(?!.{0,40}\b(?:but|might[ ]have|may[ ]have)\b)
""")

# A home or personal device, and asking what the service can do: not work to log.
HOME_DEVICE = _rx(r"""
      \b(?:personal|home|my[ ]own|private)[ ](?:laptop|pc|computer|phone|ipad|tablet|device
        |printer|mac)
    | \bat[ ]home\b
    | \bcan[ ]you[ ](?:really|actually|even)\b
""")

# The client says it was them ("that's just me, isn't it?").
SELF_CAUSED = _rx(r"""
      \b(?:that|thats|it|its|that[ ]was|it[ ]was)[ ](?:just[ ]|only[ ]|probably[ ])?me\b
        (?![ ](?:from|here|again|at|in|on)\b)  # "hi it's me from reception" is a greeting
""")

# Someone else's incident, or one long over: the client asks about it, nothing is
# happening to them now ("a friend's firm got ransomware", "we got hacked years back").
# Said to be happening as the client writes: a question about security in general stops
# being one ("how do you handle a ransomware attack? it's happening right now").
HAPPENING_NOW = _rx(r"""
      \bright[ ]now\b
    | \bat[ ]the[ ]moment\b
    | \bas[ ]we[ ]speak\b
    | \b(?:its|is|thats)[ ](?:happening|going[ ]on)[ ](?:now|right[ ]now|as[ ]we[ ]speak)\b
    | \bcurrently[ ](?:happening|going[ ]on|under[ ]attack|being)\b
""")

# A kind of incident named with "a", asked about in general ("what's your process for a
# data breach?", "what happens after I report a hacked account?"); ignored only when
# nothing says it is happening now.
KIND_OF_INCIDENT = _rx(r"""
      \b(?:for|to|after|against|handle|handling|rank|ranks|treat|treated)[ ](?:a|an|any)[ ]
        (?:\w+[ ]){0,2}(?:hack\w*|breach\w*|virus\w*|infection|ransom\w*|phish\w*|malware
        |outage|crash|stolen|compromised)\b(?:[ ](?:account|email|attack|link|laptop|pc))?
    | \bafter[ ](?:i|we|someone)[ ](?:report|reports|log|logs)[ ](?:a|an)[ ](?:\w+[ ]){0,2}
        (?:hack\w*|breach\w*|virus\w*|infection|ransom\w*|phish\w*|malware|outage|stolen
        |compromised)\b(?:[ ](?:account|email|attack|link|laptop|pc))?
""")

NOT_OURS_OR_OVER = _rx(r"""
      \b(?:a|my|our)[ ](?:friends?|neighbou?rs?|cousins?|sisters?|brothers?)s?[ ]
        (?:\w+[ ]){0,2}(?:firm|business|company|practice|office|shop)?\b
        .{0,30} \b(?:got|had|was|were|has[ ]been)\b
    | \b(?:a|my|our)[ ]clients?s?[ ](?:\w+[ ]){0,2}(?:firm|business|company|practice|office
        |shop)\b .{0,30} \b(?:got|had|was|were|has[ ]been)\b
    | \b(?:next[ ]door|down[ ]the[ ]road|another[ ](?:company|firm|business|practice|client))\b
    | \b(?:on|in)[ ]the[ ]news\b
    | \bsaw[ ](?:a|an|the|this)[ ](?:\w+[ ]){0,2}(?:warning|story|article|report|post)\b
    | \b(?:a[ ]few|\d+|two|three|several)[ ](?:years?|months?)[ ](?:back|ago)\b
        (?!.{0,50}\b(?:(?:and|but|so)[ ]now|now[ ](?:its|the|our|nobody|everything|nothing)
            |today|again)\b)  # unless it is back now
    | \blast[ ]year\b
        (?!.{0,50}\b(?:(?:and|but|so)[ ]now|now[ ](?:its|the|our|nobody|everything|nothing)
            |today|again)\b)
    | \bover[ ]the[ ](?:summer|holidays|christmas)\b
    | \b(?:in|back[ ]in|during)[ ](?:january|february|march|april|june|july|august|september
        |october|november)\b
        (?!.{0,50}\b(?:(?:and|but|so)[ ]now|now[ ](?:its|the|our|nobody|everything|nothing)
            |today|again)\b)
""")

# Asking how the service works, what something means or what is normal: a question for
# the knowledge base even when it names a fault ("is a printer not working a big deal?").
SERVICE_QUESTION = _rx(r"""
      \bwhat(?:s|[ ]is|[ ]are)[ ](?:the|a|an|those|these|that)[ ](?:\w+[ ]){0,2}
        (?:point|difference|rule|process|best[ ]way|normal|pecking[ ]order|turnaround)\b
    | \bwhat[ ](?:do|does|should|would)[ ](?:i|we|they|those|these|that|it)\b
    | \bhow[ ](?:does|do|should|would|long|often|much)\b
    | \bis[ ](?:it|that|there|this)[ ](?:normal|really|actually|likely|true|allowed|worth|a[ ]big
        |my[ ]fault|connected|related)\b
    | \bdoes[ ](?:that|this|it)[ ](?:mean|count|happen|sort[ ]of[ ]thing)\b
    | \bcould[ ](?:that|those|this|it)[ ](?:be|actually)\b
    | \bone[ ]ticket[ ]or\b
    | \bwhich[ ]of[ ]us\b
    | \bexplain[ ](?:that|this|why|how)\b
    | \b(?:genuine|general|quick)[ ]question\b
    | \b(?:a[ ]big|a[ ]small)[ ]deal\b
    | \bany[ ]way[ ](?:you|we)[ ]can\b
    | \bwas[ ]that[ ](?:my|our)\b
    | \bhow[ ](?:can|is|could|come)\b
    | \bis[ ](?:that|this|it)[ ]something\b
    | \bwho[ ](?:do|should|can)[ ](?:i|we)\b
    | \bam[ ]i[ ](?:reading|wrong|right|missing|mistaken)\b
    | \bwhat[ ](?:do|does)[ ].{0,40}\bmean\b
    | \b(?:next[ ]time|in[ ]future|in[ ]the[ ]future|going[ ]forward)\b
    | \bplease[ ]explain\b
    | \bexplain[ ]to[ ]me\b
    | \bwhat[ ](?:exactly[ ])?(?:do|does|are|will)[ ]you[ ](?:do|doing)\b
    # how the service works: what others do, whether to log again, where to look
    | \bshould[ ](?:we|i)[ ]have[ ](?:a|an|some)[ ](?:rule|policy|process|plan)\b
    | \bwhat[ ](?:do|would)[ ](?:your[ ])?other[ ](?:clients|customers|businesses|offices)\b
    | \b(?:do|would|will)[ ](?:i|we)[ ](?:need|have)[ ]to[ ](?:log|raise|open|report|send)\b
    | \bis[ ]there[ ](?:somewhere|anywhere|a[ ](?:way|place|page|portal))\b
    | \bdo[ ]you[ ](?:even[ ]|actually[ ])?(?:get|check|read|listen[ ]to)[ ](?:voicemails?|emails
        |messages|the)\b
    | \bare[ ]we[ ](?:protected|covered|safe)\b
    | \bdo[ ]you[ ]still[ ]need[ ]to\b
    # which priority a kind of fault gets: "is a broken monitor a P3 or a P4?", "would a
    # laptop that won't turn on be treated as urgent?"
    | \b(?:a[ ])?(?:p[1-4]|priority[ ][1-4])[ ]or[ ](?:a[ ])?(?:p[1-4]|priority[ ][1-4])\b
    | \bwould[ ](?:a|an|one|the)[ ]\w+\b .{0,60} \bbe[ ](?:treated|classed|counted|considered
        |seen|handled|logged)[ ]as\b
    # what to send when reporting: "what do you need from us when we log a ticket"
    | \bwhat[ ](?:do|would|will)[ ]you[ ]need[ ](?:from[ ](?:us|me)|to[ ]know)\b
    | \bwhen[ ](?:we|i|someone|people|staff)[ ](?:log|raise|report|open|send[ ]in)[ ](?:a|an)\b
""")


# Asking which priority or urgency a kind of fault gets ("one person's laptop not
# starting: emergency or a normal ticket?"). Counts only without PERSONAL_STAKE.
ASKS_PRIORITY = _rx(r"""
    # one class or another
      \b(?:an[ ])?(?:emergency|urgent|p[1-4]|priority[ ](?:one|1)|high[ ]priority)[ ]or[ ]
        (?:a[ ])?(?:normal|regular|standard|routine|ordinary|non[ -]?urgent|p[1-4]|low[ ]priority
        |can[ ]it[ ]wait|just[ ]a[ ]ticket|a[ ]ticket)\b
    | \b(?:next|same)[ ]day[ ]or[ ](?:next|same)[ ]day\b
    # how urgent, what priority
    | \bhow[ ]urgent[ ](?:is|would|does)[ ](?:that|this|it|something[ ]like[ ]that)\b
    | \bwhat[ ](?:priority|urgency|level)[ ](?:does|do|is|would|will)\b
    | \bis[ ](?:that|this|it)[ ](?:a[ ])?(?:p[1-4]|high[ ]priority|low[ ]priority)\b
    | \bwould[ ](?:that|this|it)[ ]be[ ](?:urgent|a[ ]p[1-4]|high[ ]priority|low[ ]priority)\b
""")

# The writer's own stake in what they describe: I, me, my, we, our.
# How a kind of job is ranked, asked about "a" job, not one at hand ("is a password reset
# treated as urgent if I can't work without it?").
GENERAL_PRIORITY = _rx(r"""
      \b(?:where|how)[ ](?:does|do|would)[ ](?:a|an)[ ](?:[\w-]+[ ]){1,3}rank\b
    | \bcompared[ ](?:to|with)[ ](?:a|an)[ ]
    | \b(?:is|are|would|does)[ ](?:a|an|any)[ ](?:[\w-]+[ ]){1,3}
        (?:treated|counted|classed|classified|handled|seen|logged|ranked)[ ]as[ ]
        (?:urgent|an[ ]emergency|a[ ]p[1-4]|high[ ]priority|a[ ]priority|low[ ]priority)
""")
PERSONAL_STAKE = _rx(r"""
      \b(?:i|im|ive|id|me|my|mine|we|were|weve|wed|our|ours|us)\b
""")
