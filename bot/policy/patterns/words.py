"""Fragments shared by several word families, and how a family is compiled."""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a family written in verbose form."""
    return re.compile(pattern, re.VERBOSE)


# One shared machine named after the workplace: "the office printer" is not the office.
# Written without whitespace, so it reads the same in verbose and plain patterns.
OFFICE_THING = (r"(?:printers?|scanners?|copiers?|photocopiers?|fridge|kettle|coffee|tv|door|fax"
                r"|label[ ]printer|speakers?|projectors?|webcam|camera|doorbell|aircon)\b")

# Who or what is affected, when it is all of it (a fragment of OUTAGE).
_EVERYONE = rf"""
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
        (?![ ]{OFFICE_THING})  # "the office printer" is one machine, not the office
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
    (?<!being[ ])(?<!let[ ]me[ ])(?<!let[ ]us[ ])(?<!let[ ]them[ ])(?<!let[ ]you[ ])"""
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

# Asking about security in general: a policy word and a security word in one clause.
_POLICY_WORD = r"""(?:\bwhat[ ](?:\w+[ ])?(?:is|are)\b|\bwhats\b
    |\b(?:do|does|can|could|would|will)[ ]
    (?:you|your|the|our|we)\b|\bare[ ](?:we|our|the|you)\b|\bis[ ](?:our|the|my)\b
    |\bhow[ ](?:do|can|would
    |should|could|does)\b|\bshould[ ](?:we|i)\b|\bprotect\w*|\bprevent\w*|\bagainst\b
    |\bsafe[ ]from\b|\bmake[ ]sure\b|\bnever[ ]get\b|\bwould[ ]we[ ](?:even[ ])?know\b)"""
_SECURITY_WORD = r"""(?:ransom\w*|rans\w*[ ]?ware|malware|virus\w*|encrypt\w*|hack\w*|phish\w*
    |spyware|scam\w*|bank[ ]details|direct[ ]deposit|stolen|gift[ ]?cards?)"""

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
THING = _THING  # for code outside the patterns (tickets: does a message name a new thing?)
_FAULTY = r"""(?:
      not[ ](?:working|loading|showing|opening|syncing|printing|charging|connecting|responding
        |sending|receiving|turning[ ]on|booting|starting)
    | (?:isnt|arent|wasnt)[ ]working
    | (?<!hasnt[ ])(?<!havent[ ])(?<!never[ ])(?<!not[ ])(?:is|are|went|gone|been)[ ]down\b
    | out[ ]of[ ](?:order|action)\b
    | (?:doesnt|dont)[ ](?:work|open|load|print|connect|sync|show)
    | wont[ ](?:open|start|load|print|connect|turn[ ]on|boot|sync|send|let[ ]me|work|charge
        |scan|save|close|go[ ]away|power[ ]on|stay[ ](?:on|connected|logged[ ]in)|switch|come[ ]on)
    | cant[ ](?:log[ ]?in|login|print|open|connect|send|receive|access|get[ ]into|see|find|hear
        |scan|save|sign[ ]in|get[ ]on|get[ ](?:any|my|our)[ ])
    | keeps?[ ](?:asking|crashing|freezing|dropping|disconnecting|popping|saying|restarting
        |logging|flashing|beeping|going|failing|coming[ ]up|telling)
    | stopped|broken|broke|died|dead|crash(?:ed|es|ing)|freez(?:es|ing)|frozen|stuck|jammed
    | error|flicker\w*|blurry|beeping|grinding|slow|laggy|lagging
    | drops?[ ]out|dropping|disconnect\w*|bounc\w*|missing|disappeared|vanished|offline
    | blank|(?:blue|black)[ ]screen|greyed[ ]out|spinning|spins|hangs|hanging|wiped|corrupt\w*
)"""
