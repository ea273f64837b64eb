"""Word families for a need only a person can meet: talking to one, work only staff can do, a
named thing that is faulty."""

from __future__ import annotations

from bot.policy.patterns.words import _FAULTY, _THING, _rx

HUMAN = _rx(r"""
    # talk to a person
      \b(?:talk|speak|chat)[ ](?:to|with)[ ](?:a[ ]|an[ ]|some[ ]|your[ ]|the[ ])?
        (?:real[ ]|actual[ ]|live[ ]|proper[ ])?
        (?:person|human|some(?:one|body)|tech|technician|engineer|agent|manager|representative
            |rep|boss|owner)\b
    # call me (not "did you call me", "trying to call me" or "he'd call me back")
    | (?<!did[ ])(?<!did[ ]you[ ])(?<!to[ ])(?<!hed[ ])(?<!shed[ ])(?<!theyd[ ])(?<!youd[ ])
        (?<!would[ ])(?<!will[ ])\b(?:call|ring|phone)[ ]me\b
    | (?<!did[ ])(?<!did[ ]you[ ])(?<!wont[ ])(?<!didnt[ ])(?<!never[ ])(?<!doesnt[ ])
        (?<!to[ ])(?<!hed[ ])(?<!shed[ ])(?<!theyd[ ])(?<!youd[ ])(?<!would[ ])(?<!will[ ])
        \b(?:call|ring|phone)[ ](?:us|me)[ ]back\b
    | \bgive[ ](?:me|us)[ ]a[ ](?:ring|call|bell|buzz|shout)\b
    | \b(?:can|could|will|would)[ ](?:someone|somebody|a[ ]tech|a[ ]person|you|a[ ]human)[ ]
        (?:please[ ])?(?:call|ring|phone|contact)[ ](?:me|us)\b
    # a meeting with one of the provider's people
    | \b(?:book|arrange|set[ ]up|schedule)[ ](?:a[ ]|an[ ])?(?:meeting|call|chat|session)[ ]with[ ]
        (?:your|a|the|one[ ]of[ ]your|whoever|someone|somebody)[ ](?:\w+[ ])?(?:tech|techs
        |technician|engineer|manager|account[ ]manager|people|team|looks[ ]after|handles)\b
    # a human, not the bot
    | \b(?:get|want|need|give)[ ](?:me[ ])?(?:a[ ]|an[ ])?(?:real[ ]|actual[ ]|live[ ])?
        (?:human|person|technician|tech|engineer)\b(?![ ](?:to[ ])?(?:come[ ])?(?:for|to[ ]set))
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
    | \bnew[ ](?:starters|hires|joiners)[ ](?:next|on(?![ ]how\b)|this|starting|tomorrow|monday)
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
        |id[ ]like|i[ ]want|we[ ]want|id[ ]love|(?:can|could)[ ](?:we|i)[ ]get
        |(?:i|we)[ ]would[ ]like|would[ ]like)\b
        .{0,40}
        \b(?:install\w*|set[ ]?up|add|remove|move|order|buy|purchase|configure|replace|upgrade
            |replaced|replacement|swapped|looked[ ]at|find[ ]out[ ]why|look[ ]into|investigate
            |grant|share|map|connect|create|delete|fix|repair|sort[ ](?:out|\w+[ ]out)
            |come[ ](?:and[ ])?(?:fix|look|see|sort)|look[ ]at[ ](?:my|our|the|his|her)[ ]\w+
            |(?:take|have)[ ]a[ ](?:quick[ ])?look|check[ ](?:it|this|why|on[ ](?:it|my|our))
            |come[ ](?:in|out|over|onsite)|send[ ](?:someone|a[ ]tech)
            |new[ ](?:laptop|pc|computer|monitor|phone|printer|keyboard|mouse|headset|battery
                |charger|dock|screen|cable|licen[cs]e)
            |turn[ ](?:on|off)|switch[ ](?:on|off)|schedule|whitelist|unblock|allow|enable
            |disable|forward|make[ ]sure|get[ ]it[ ]off|wipe|block)\b
    # borrowing kit, booking a technician in
    | \b(?:can|could|may)[ ](?:i|we)[ ](?:borrow|have[ ]a[ ](?:loan|spare))\b
    | \bbook[ ](?:your[ ]|a[ ]|the[ ])?(?:tech|technician|engineer|someone)[ ]in\b
    | ^\W*(?:please[ ]|pls[ ])?(?:install|set[ ]?up|add|remove|order|create|unlock|grant|map
        |configure|replace|give[ ]me[ ]access|give[ ]\w+[ ]access)\b
    | \b(?:need|want|give|grant)[ ](?:me[ ]|him[ ]|her[ ]|them[ ]|us[ ])?access[ ]to\b
""")
FAULT = _rx(rf"""
      \b{_THING}\b .{{0,60}}? \b{_FAULTY}
    # what the screen says ("outlook says 'cannot connect'"), not what the vendor says
    | \b(?:it|screen|{_THING}|message|error|box|window|pop[ -]?up)[ ](?:just[ ]|now[ ]|keeps[ ])?
        (?:says|saying|shows|showing)\b
    | \b{_FAULTY}\b .{{0,40}}? \b{_THING}\b
    | ^\W*(?:hi\W+|morning\W+)?(?:i|we)[ ](?:cant|can[ ]?not|am[ ]unable[ ]to|couldnt)[ ]
        (?:log|print|get|access|open|send|see|connect|find|hear|save|scan|sign)
""")


# It works now, it's done, or it's just news: "all sorted, thanks", "never mind, user error",
# "the technicians have arrived", "fyi I dropped my laptop at the desk".
SORTED_NOW = _rx(r"""
    # fixed, sorted, working again
    # ("incoming is fine" and "webmail works fine" only contrast with what is wrong)
      \b(?:all|now|is|are|been|its|thats|everythings|everything[ ]is|seems|got[ ]it)[ ](?:all[ ])?
        (?:sorted|resolved|fixed)\b
    | (?<!not[ ])(?<!isnt[ ])(?<!arent[ ])(?<!stopped[ ])(?<!till[ ]its[ ])(?<!\bit[ ])(?<!them[ ])
        \bworking[ ](?:now|again)\b  # not "to get it working again"
    | (?<!doesnt[ ])(?<!dont[ ])(?<!never[ ])\bworks?[ ](?:now|again)\b
    | \b(?:is|are|its|thats|everythings|everything[ ]is)[ ]back[ ](?:up|on|online)\b
        (?![ ](?:nightly|daily|every|to|my|our|the))
    | \b(?:light|status)[ ]is[ ]green\b
    # nothing to do after all
    | \bnever[ ]mind\b | \buser[ ]error\b | \ball[ ]good\b | \bnoted\b | \bfyi\b
    | \b(?:you[ ]can|please|feel[ ]free[ ]to|ok[ ]to)[ ]close[ ](?:it|the[ ]ticket|this|that)\b
    | \bclosing[ ]it\b | \bhas[ ]been[ ]resolved\b
    | \bjust[ ](?:confirming|letting[ ]you[ ]know|so[ ]you[ ]know|wanted[ ]to[ ]say[ ]thanks)\b
    | \b(?:and[ ])?(?:im|i[ ]am|were|we[ ]are)[ ](?:in|back[ ]in)(?:[ ]now)?\W*$
    | \bcan[ ]get[ ]in[ ](?:now|again|and)\b
    # something asked for has happened
    | \b(?:have|has)[ ]arrived\b | \b(?:are|is|all|were|was)[ ](?:all[ ])?delivered\b
    | \bcame[ ]back[ ]today\b | \bpicked[ ]up\b(?=.{0,40}\b(?:working|all[ ]good|thanks)\b)
    | \bdropped[ ](?:\w+[ ]){0,3}off\b | \b(?:i|ive|we|weve)[ ](?:approved[ ]the|ticked[ ]approve
        |completed|backed[ ]up|finished|done[ ]the)\b
    | \bgot[ ](?:the|your)[ ](?:confirmation|email|note|rma|label|message)\b
""")

# An automatic reply sent into the chat (an out-of-office, a holiday notice): nothing to
# act on, whatever it says about "urgent" matters.
AUTO_REPLY = _rx(r"""
      ^\W*(?:\[?[ ]?)?(?:automatic[ ]reply|auto[ -]?reply|out[ ]of[ ](?:the[ ])?office)\b\W
    | ^\W*(?:(?:hi|hello)\W+)?(?:many[ ])?thank(?:s|[ ]you)[ ]for[ ](?:(?:your|the)[ ](?:e-?mail
        |message)|getting[ ]in[ ]touch)\b .{0,80}
        \b(?:out[ ]of[ ](?:the[ ])?office|on[ ](?:\w+[ ])?leave|on[ ]holiday|away[ ]from
            |away[ ]until|limited[ ]access)\b
    | ^\W*(?:im|i[ ]am)[ ](?:currently[ ])?(?:out[ ]of[ ](?:the[ ])?office|on[ ](?:\w+[ ])?leave
        |on[ ]holiday|away[ ]from[ ](?:my[ ]desk|the[ ]office))\b .{0,80}
        \b(?:until|till|return|back[ ]on|get[ ]back[ ]to[ ]you)\b
""")
