"""Word families for incidents: outages, security incidents, and whether one is happening now
or is over, someone else's, or only a kind of incident asked about."""

from __future__ import annotations

from bot.policy.patterns.words import (
    _EVERYONE,
    _NOT_DOWN_AFTER,
    _OUT,
    _POLICY_WORD,
    _SECURITY_WORD,
    _rx,
)

OUTAGE = _rx(rf"""
    # all of it, then an outage word: "the whole office is down"
      {_EVERYONE} .{{0,80}} {_OUT}
    # an outage word, then all of it: "offline for the whole team", "... for any of us"
    | {_OUT} .{{0,40}} \b(?:for|across)[ ](?:the[ ])?(?:whole|entire|all|every|any[ ]of[ ]us)
    # nobody is able, unless to say, tell, explain... ("nobody can tell me why")
    | \b(?:nobody|no[ ]?one|none[ ]of[ ]us)\b (?:(?!\b(?:but|so|and)\b)[^.?!]){{0,25}}
        \b(?:can|is[ ]able|able[ ]to|are[ ]able)\b
        (?![ ](?:\w+[ ])?(?:say|tell|explain|answer|guarantee|promise|know|agree|understand
            |decide|remember|work[ ]out|figure|find[ ]out|seem|ever|pin|track
            |get[ ]to[ ]the[ ]bottom
            # someone to help, not people unable to work: "is there nobody else who can help?"
            |help|assist|fix|sort|deal|look|come|respond|reply|call|ring|get[ ]back|cover))
    # the server has gone
    | \bserver\b .{{0,40}} (?:\bdown\b{_NOT_DOWN_AFTER}|offline|crashed|dead|went[ ](?:\w+[ ])?dark
        |not[ ](?:responding|working)
        |wont[ ](?:boot|start|turn[ ]on|power[ ]on|come[ ](?:back|on)))
    # nothing works, said on its own
    | ^\W*(?:nothing|none[ ]of[ ]it)[ ](?:works|is[ ]working)\b
    # a head count of people who cannot work
    | \b\d+[ ](?:people|staff|of[ ]us|employees|users)\b .{{0,40}}
        (?:cant|sitting|doing[ ]nothing|idle|unable|stuck)
    # customers turned away, or unable to reach us
    | turning[ ](?:people|customers|patients|clients|everyone)[ ]away
    | \b(?:customers|clients|patients|callers|nobody|no[ ]?one)[ ](?:cant|cannot|can[ ]not|arent
        |are[ ]not)[ ](?:able[ ]to[ ])?(?:reach|call|ring|phone|get[ ]through[ ]to|contact)[ ]us\b
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
    | \b(?:files|documents|data|folders)\b .{0,20} \b(?:are|have[ ]been|got|been|all|keep)[ ]
        (?:being[ ]|getting[ ])?(?:locked|encrypted|renamed|scrambled)
    | \b(?:pay|bitcoin|btc)\b .{0,40} \b(?:unlock|decrypt|get[ ](?:them|it|our|my)[ ]\w*[ ]?back)
    | \b(?:files|docs|documents|spreadsheets)\b .{0,20} \b(?:open|opening|show|showing|come[ ]up)[ ]
        (?:as|in|with)[ ](?:\w+[ ])?(?:gibberish|symbols|scrambled|unreadable)
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
SECURITY_POLICY = _rx(rf"""
      {_POLICY_WORD} [^.,;?!\n]{{0,50}} {_SECURITY_WORD}
    | {_SECURITY_WORD} [^.?!\n]{{0,30}} \b(?:at[ ]rest|in[ ]transit|protect\w*|prevent\w*|safe
        |policy|insurance|training|backups?)\b
    # whether a kind of incident is covered, asked straight out: "is ransomware covered?"
    | ^\W*(?:is|are|would|does)[ ](?:a[ ]|an[ ])?{_SECURITY_WORD}[ ](?:\w+[ ]){{0,2}}
        (?:covered|included|billed|charged|part[ ]of)\b
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
    | \b(?:website|site)\b .{0,80} \binstead[ ]of[ ](?:our|the|my)[ ](?:home[ ]?page|website|site
        |logo|content)\b
    | \bdefaced\b
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
    # someone may have taken the bait: "I didn't click it but I think Jess might have"
    | \b(?:might|may|could)[ ]have[ ](?:clicked|opened|entered|typed|put[ ]in|replied|downloaded)\b
    | \b(?:didnt|did[ ]not)[ ](?:click|open)\w*[ ](?:it|the[ ]link|on[ ]it|the[ ]attachment)
        [ ]but[ ](?:i[ ](?:think|reckon)[ ])?\w+[ ](?:might|may|could)[ ]have\b
    # someone else at the controls, or the antivirus raising the alarm
    | \b(?:mouse|cursor|pointer)\b .{0,20} \b(?:mov\w*|click\w*|jump\w*)[ ](?:about[ ]|around[ ])?
        (?:by[ ]itself|on[ ]its[ ]own)\b
    | \b(?:some(?:one|body)s|(?:some(?:one|body)|a[ ]stranger)[ ](?:else[ ])?(?:is|was))[ ]
        (?:controlling|using|in)[ ](?:my|our|the)[ ](?:pc|computer|laptop|screen|mouse|machine)\b
    | \b(?:antivirus|anti-virus|defender|sophos|norton|mcafee|webroot|sentinel\w*|av)\b .{0,40}
        \b(?:threats?|viruse?s?|malware|trojans?|infections?)[ ](?:was[ ]|were[ ])?
        (?:found|detected)\b
    | \b(?:antivirus|anti-virus|defender|sophos|norton|mcafee|webroot|sentinel\w*)\b .{0,30}
        \b(?:alerts?|alarms?|warnings?|pop[ -]?ups?)\b .{0,30} \b(?:machines|pcs|computers|laptops
        |(?:two|three|four|several|\d+)[ ](?:of[ ]us|people|staff))\b
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
        .{0,50} (?:didnt|did[ ]not|never|wasnt|not[ ]me|asleep|nobody|random
            # "keep coming", not a sign-in asked for on a schedule ("keeps appearing every hour")
            |keep(?![^.?!]{0,30}\b(?:every[ ](?:hour|day|morning|time|single|week)|each[ ]time)\b))
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
        |come[ ](?:back|on)|get[ ]in|reach)\b
    # "still", but not about the cause ("you still dont know why")
    | \bstill\b(?![ ](?:dont|do[ ]not|havent|hasnt|cant|no)[ ](?:\w+[ ])?
        (?:know|found|find|figured|worked|idea|explain|understand))
    | \b(?:has|have|hasnt|havent)[ ]been\b
    | \bright[ ]now\b
    | \bat[ ]the[ ]moment\b
    | \bcurrently\b
    | \bsince[ ](?:yesterday|last[ ]night|this[ ]morning)
    # people unable to work, in the present tense: "crashed on Monday and nobody can work"
    | \b(?:nobody|no[ ]?one|none[ ]of[ ]us)[ ](?:here[ ])?can[ ](?:work|log|get|do|access|print)\b
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
    # an outage dated to a day that is over: "the server crashed on Sunday night"
    | \b(?:crashed|died|failed|stopped|broke|went[ ](?:down|offline|dark|out)|was[ ]down)\b
        .{0,30} \bon[ ](?:the[ ])?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday
        |weekend)\b
    | \b(?:after|during)[ ]the[ ](?:\w+[ ]){0,2}(?:power[ ]cut|outage|blackout|crash|storm|flood)
        [ ](?:on|last|in)\b
    # a count over a period that is over: "went down twice this quarter"
    | \b(?:twice|three[ ]times|\d+[ ]times|several[ ]times|a[ ]few[ ]times)[ ](?:this|last|in[ ]the
        [ ]last)[ ](?:week|month|quarter|year|term)\b
    # it came back: "went down at 9 and came back at 3"
    | \b(?:came|was|were)[ ]back[ ](?:up|on|online|at|by|after|within|in[ ]an?)\b
    # how long it took to come back, or which priority it was given
    | \btook[ ](?:you[ ]|them[ ]|us[ ]|it[ ])?(?:\w+[ ]){0,3}to[ ]
        (?:get[ ](?:it|us|them|everything)[ ]back|come[ ]back|bring[ ]it[ ]back|restore)\b
    | \byou[ ](?:said|called|logged|marked|put)[ ](?:it[ ](?:was[ ])?|it[ ]down[ ]as[ ])?
        (?:as[ ])?an?[ ]p[1-4]\b
""")

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
    # the diagnosis, said as a fact: "the engineer says it's ransomware"
    | (?<!\bif[ ])(?<!\bwhether[ ])\b(?:its|it[ ]is|thats|weve[ ]got|we[ ]have)[ ]
        (?:definitely[ ]|actually[ ])?ransomware\b
""")

# It ends by saying all is well again: "unplugged it for a bit and it's fine".
FIXED_NOW = _rx(r"""
    \b(?:its|thats|everythings|everything[ ]is|all|its[ ]all|were|were[ ]all)[ ]
        (?:fine|ok|okay|good|working|sorted|back[ ](?:up|on|online))(?:[ ](?:now|again))?\W*$
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


# One of several is affected, the rest work: not the business down ("label printer on till
# 3 stopped... the other tills are fine").
ONLY_ONE = _rx(r"""
      \b(?:the[ ])?other[ ](?:tills|pcs|computers|machines|printers|screens|laptops|ones|phones
        |terminals|registers)[ ](?:are|seem)[ ](?:all[ ])?(?:fine|ok|okay|working)\b
    | \b(?:everyone|everybody)[ ]elses?[ ](?:is|are|seems)[ ](?:fine|ok|okay|working)\b
    # one room's connection, not the business's: "the wi-fi is down in the meeting room"
    | \b(?:wi-?fi|internet|network|connection|signal)\b [^.?!]{0,30}
        \b(?:in|on)[ ](?:the|one|our)[ ](?:meeting|conference|board|training|break|staff)[ ]?room\b
""")
