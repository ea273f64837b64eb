"""Word families for what a message is about: IT or not, work or personal, specific or not,
and the bot itself."""

from __future__ import annotations

import re

from bot.policy.patterns.words import _rx

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

# A home or personal device, and asking what the service can do: not work to log.
HOME_DEVICE = _rx(r"""
      \b(?:personal|home|my[ ]own|private)[ ](?:laptop|pc|computer|phone|ipad|tablet|device
        |printer|mac)
    | \bat[ ]home\b
    | \bcan[ ]you[ ](?:really|actually|even)\b
    # a family member's own gadget: "my son's laptop", "the kids' xbox"
    | \b(?:my|our|the)[ ](?:sons?|daughters?|kids?|childs?|childrens|husbands?|wifes?|partners?
        |nephews?|nieces?|mums?|moms?|dads?|grandsons?|granddaughters?|grandkids?|grandchildrens?)
        [ ](?:old[ ]|new[ ])?(?:laptop|pc|computer|phone|ipad|tablet|xbox|playstation|ps[45]
        |switch|console|games?|homework)\b
    | \b(?:xbox|playstation|ps[45]|nintendo)\b
""")

# Machines that are not IT at all: the kitchen's, not the network's (a server room's air
# conditioning is left out: when it fails, the servers overheat).
NOT_IT_THING = _rx(r"""
      \b(?:coffee[ ](?:machine|maker)|microwave|kettle|fridge|dishwasher|washing[ ]machine
        |toaster|vending[ ]machine)s?\b
""")
