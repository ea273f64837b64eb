"""Word families for how a message is framed: a what-if, asking why, what it costs, how the
service works, or which priority a kind of job gets."""

from __future__ import annotations

from bot.policy.patterns.words import _rx

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
    | \bif[ ](?:we|i|wed|id|weve|ive)[ ](?:ever|get|got|were|was|had|think)\b
    | \b(?:what|whats)[ ](?:the|is[ ]the)[ ](?:rule|process|policy|procedure)\b
    | \bif[ ](?:something|someone|someones|somebody|anyone|one)\b
    # a condition on someone else or on a thing: "if she gets an email...", "if it breaks"
    | \bif[ ](?:he|she|they|it|staff|people|a[ ]\w+|an[ ]\w+)[ ](?:ever[ ]|ever[ ]does[ ])?
        (?:gets|got|receives|breaks|dies|fails|crashes|clicks|opens|needs)\b
    | \bjust[ ]so[ ](?:i|we)[ ]know\b
    # how to reach you
    | how[ ](?:do|should|can)[ ](?:i|we)[ ](?:reach|contact|get[ ]hold)
    | quickest[ ]way[ ]to[ ](?:reach|get)
    # if ... ever, and promises or guarantees
    | \bif[ ](?:\w+[ ]){0,5}ever\b
    | \b(?:guarantee\w*|promise\w*|put[ ](?:it[ ]|that[ ])?in[ ]writing)\b
    # a condition or a habit: "if", "whenever", "it goes down"
    | ^\W*(?:if|whenever)\b
    | \b(?:do|should|would|can|who[ ]do|who[ ]should|what[ ]do|what[ ]should)[ ](?:i|we)[ ]
        (?:\w+[ ]){0,4}whenever\b
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
    | ^\W*when[ ](?:everything|everyone|all[ ]of[ ]it|all[ ]the[ ]\w+)[ ](?:is|goes|are|gets)[ ]
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
    | is[ ]there[ ](?:somewhere|anywhere|a[ ](?:portal|page|place|site))
    | when[ ](?:would|do|does|will)[ ]you
    | what[ ]happens
    # whether we need to do or buy something
    | (?:do|should)[ ](?:i|we)[ ](?:need|have[ ]to|buy|get)
)\b
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
    # part of the agreement, or of what you look after
    | part[ ]of[ ](?:what[ ](?:we[ ]pay|you[ ](?:look[ ]after|cover|support|manage|do))
        |the[ ](?:plan|contract|agreement))
    | (?:do|does)[ ]you[ ](?:guys[ ]|even[ ]|actually[ ])?(?:look[ ]after|support|manage|cover
        |deal[ ]with|take[ ]care[ ]of)[ ](?:that|this|those|them|phones?|printers?|the|our)\b
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

# A message that mentions a fault but is about something else: whether it counts as an
# emergency, whose fault or job it is, an existing ticket's history, a comparison, what
# to tell us, a home or personal device.
NOT_A_REPORT = _rx(r"""
    # whose problem, the cause, whether it is normal
      \bis[ ](?:that|this|it)[ ](?:normal|common|a[ ]thing|why|because|related|my[ ]fault
        |our[ ]fault|[a-z]+s[ ](?:problem|fault|issue))
    # "could it be the router?", not "could it be fixed or swapped?" (that asks for the work)
    | \bcould[ ](?:that|this|it)[ ](?:be|have)\b
        (?![ ](?:fixed|swapped|replaced|looked[ ]at|sorted|checked|repaired|changed|reset
            |updated|installed|moved|set[ ]up)\b)
    | \bwas[ ](?:that|it)[ ](?:my|our)[ ]fault\b
    | \b(?:would|could|does|might)[ ](?:that|this|it)[ ]explain\b
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

# Asking how the service works, what something means or what is normal: a question for
# the knowledge base even when it names a fault ("is a printer not working a big deal?").
SERVICE_QUESTION = _rx(r"""
      \bwhat(?:s|[ ]is|[ ]are)[ ](?:the|a|an|those|these|that)[ ](?:\w+[ ]){0,2}
        (?:point|difference|rule|process|best[ ]way|normal|pecking[ ]order|turnaround)\b
    | \bwhat[ ](?:do|does|should|would)[ ](?:i|we|they|those|these|that|it)\b
    | \bhow[ ](?:does|do|should|would|long|often|much)\b
    | \bis[ ](?:it|that|there|this)[ ](?:normal|really|actually|likely|true|allowed|worth|a[ ]big
        |my[ ]fault|connected|related)\b
    | \bdoes[ ](?:that|this|it)[ ](?:mean|count|happen|sort[ ]of[ ]thing|make[ ](?:it|that|this))\b
    # what the agreement says: "doesn't the contract say 4 hours?"
    | \b(?:doesnt|does|dont|do|isnt|is|arent|are)[ ](?:the|our|your|my)[ ](?:contract|agreement
        |sla|plan|service[ ]level)s?[ ](?:say|says|promise|guarantee|mean|state|cover|include)\b
    | \bcould[ ](?:that|those|this|it)[ ](?:be|actually)\b
        (?![ ](?:fixed|swapped|replaced|looked[ ]at|sorted|checked|repaired|changed|reset
            |updated|installed|moved|set[ ]up)\b)
    | \bone[ ]ticket[ ]or\b
    | \bwhich[ ]of[ ]us\b
    | \bexplain[ ](?:that|this|why|how)\b
    | \b(?:genuine|general|quick)[ ]question\b
    | \b(?:a[ ]big|a[ ]small)[ ]deal\b
    | \bany[ ]way[ ](?:you|we)[ ]can\b
    | \bwas[ ]that[ ](?:my|our)\b
    | \bhow[ ](?:can|is|could|come)\b
    | \bis[ ](?:that|this|it)[ ]something\b
    # when the service is there: "does anyone work weekends?"
    | \b(?:does|do|is|are|will)[ ](?:anyone|anybody|someone|somebody|you|your[ ](?:team|staff
        |techs?|technicians?|engineers?))[ ](?:even[ ])?(?:work|working|around|available|on[ ]call
        |answer\w*|check\w*|look\w*|cover\w*)[ ](?:\w+[ ]){0,2}?(?:at[ ]|on[ ]|over[ ](?:the[ ])?)?
        (?:weekends?|saturdays?|sundays?|nights?|evenings?|after[ ]hours|out[ ]of[ ]hours
        |bank[ ]holidays?|holidays|christmas|overnight)\b
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

# The message ends by asking about the service, not for work: "Excel crashes since the
# add-in went on. Do you support software we bring in ourselves?" ("...can you fix it?"
# and "...please?" ask for the work).
CLOSING_SERVICE_QUESTION = _rx(r"""
    (?:^|[.!?][ ]) \W*
    (?!(?:(?:so|and|but|ok|okay|hi|hey|also|then)\W+)*(?:can|could|would|will|are|cant
        |couldnt|wont)[ ](?:you|someone|somebody|anyone|u)\b)
    (?![^.!?]*\b(?:please|pls|plz|any[ ]chance|do[ ]you[ ]mind|asap)\b)
    (?:
        [^.!?]* \b(?:you|your|usually|normally|normal|supposed|meant|expect|expected)\b [^.!?]*
        \?[?!\ ]*$
    # the same without its question mark: "... and is that the kind of thing you deal with"
      | (?:(?:and|but|so|also|or)[ ])? (?:is|are|do|does|would|will|should|was|did|has|have|what
        |how|why|when|where|who)\b [^.!?]* \b(?:you|your|usually|normally|normal|supposed|meant
        |expect|expected)\b [^.!?]* $
    )
""")
