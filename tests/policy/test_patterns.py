"""Each word family on its own: wordings it must match and look-alikes it must not.

The examples document today's behaviour of bot.policy.patterns, family by family, on
text flattened the way the intake decision flattens it (lowercase, apostrophes dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from bot.policy import flatten
from bot.policy import patterns as p
from bot.retrieval.text import content_words


@dataclass(frozen=True)
class Family:
    matches: tuple[str, ...]
    misses: tuple[str, ...]


FAMILIES: dict[str, Family] = {
    # An automatic reply sent into the chat.
    "AUTO_REPLY": Family(
        matches=(
            "Automatic reply: I'm away until Monday 4th and will reply when I'm back",
            "[Auto-Reply] on holiday, back next week",
            "Out of office: on annual leave, for anything urgent call Sue on 201",
            "Thank you for your email. I am out of the office with limited access to email.",
            "Hi, thanks for getting in touch. I'm on leave today, back tomorrow",
            "I am currently out of the office until the 3rd and will get back to you then",
        ),
        misses=(
            "got an out of office reply from someone I never emailed",
            "can you set up an automatic reply on Jo's mailbox while she's away?",
            "my out of office won't turn off",
            "thanks for the email, the printer is still broken",
            "I'm on leave next week, can someone cover the backups?",
            "im out of the office today so call my mobile about the laptop",
        ),
    ),
    # It ends by saying all is well again.
    "FIXED_NOW": Family(
        matches=(
            "unplugged it for a bit and its fine",
            "the cleaner had unplugged it. its back on",
            "rebooted it and everythings working again!",
            "the engineer came and were back online now",
            "turned it off and on, all good",
            "thats sorted",
        ),
        misses=(
            "its fine for everyone else but mine is dead",
            "incoming is fine",
            "the printer is fine but the scanner isnt",
            "its fine for a minute then it drops again",
            "all good until lunch, then it died",
            "is it ok to restart it?",
        ),
    ),
    # The whole business has stopped, now.
    "OUTAGE": Family(
        matches=(
            "customers can't reach us at all",
            "why cant anyone log in this morning?",
            "the front desk cant check anyone in",
            "the server just went completely dark and wont turn on",
            "nobody in the office can log in",
            "The whole office is down!!",
            "our server has crashed",
            "every PC in the building went black at once",
            "internet is offline for the entire team",
            "card machines are declining everything",
            "we can't take card payments",
            "12 of us are sitting here doing nothing",
            "we're turning patients away at the desk",
            "the internet and phones are both dead",
            "Nothing is working",
            "email has been down since 8am",
            "we cant see any patients this morning",
        ),
        misses=(
            'windows, mac, linux: they all let me down',
            'nobody fell for it but can you block those?',
            'customers can reach us by email',
            "how do you decide whats urgent? the office printer is down",
            'our usual tech is away. is there nobody else who can help?',
            'no one can fix it remotely',
            "cant anyone explain why this takes so long?",
            "is a P1 the whole team being down, or just the server?",
            "could you carry the old server down to the car for us",
            "everyone has a glitch nobody can pin down",
            "nobody in the office can track down the invoice",
            "half the office can't log in",
            "some of the team can't log in",
            "my laptop won't start",
            "no one can explain why the printer jams",
            "the printer in the back room is offline",
            "is everything backed up every night?",
            "one of the tills is a bit slow",
            "nobody seems to know what software we own",
        ),
    ),
    # Ransomware, hacking, phishing, stolen devices, fraud, lost data.
    "SECURITY": Family(
        matches=(
            'all my word docs open as gibberish symbols now',
            'files are being renamed on the shared drive',
            'our files keep getting encrypted',
            "a message says pay in bitcoin to get our files back",
            "all our files have been renamed to .locked",
            "I think we've been hacked",
            "I clicked a link in a dodgy email",
            "I typed my password into a fake Microsoft page",
            "someone logged into my mailbox from Russia",
            "my work laptop was stolen from the car",
            "customers got invoices from us that we never sent",
            "the supplier says their bank details have changed",
            "our website is showing casino adverts",
            "the shared drive is empty",
            "I keep getting approval prompts and I'm not doing anything",
        ),
        misses=(
            "how do I make a strong password?",
            "the virus scan finished without finding anything",
            "we lost the wifi password",
            "I left my charger at home",
            "how do I spot a phishing email?",
            "please send me the link to the holiday form again",
            "what antivirus do you use?",
            "we feel you have breached our agreement",
        ),
    ),
    # Asking about an emergency that has not happened: "what if", "would this count".
    "HYPOTHETICAL": Family(
        matches=(
            'if it needs a new part, what happens in the meantime?',
            'what do we do whenever the internet drops?',
            'when everything is down, is it better to call or to post here?',
            "is the server being down for everyone a p1?",
            "can you call microsoft for us next time outlook is down?",
            "do i call or email when the whole practice cant log in?",
            "who should we ring when everything stops?",
            "why is one printer lower priority than the server being down?",
            "do the tills keep working during a power cut?",
            "if she gets a weird email asking for money, who does she tell?",
            "the printer is old. if it breaks, what does a new one cost?",
            "what if we get ransomware",
            "what happens if the internet goes down?",
            "in case the server dies, who do we call?",
            "if we ever got hacked what should we do first",
            "say the server dies overnight, what then?",
            "how do I reach someone after hours",
            "I nearly clicked a dodgy link",
            "can you guarantee a four hour fix?",
            "If the whole office is offline, is that urgent enough?",
        ),
        misses=(
            "customers are ringing to ask if we've been hacked",
            'excel freezes whenever i open a big file',
            'everything is down, call me',
            "can you look at my printer next time youre in?",
            "the server is down, when can you come?",
            "we reported the system being down an hour ago",
            "we are in a power cut right now and the tills are dead",
            "we got ransomware",
            "we have been hacked",
            "our internet is down",
            "someone clicked a link",
            "the server died this morning",
            "I clicked the link in that email",
            "what is the wifi password",
            "gift cards for the team",
        ),
    ),
    # A question whether something counts as an emergency: taken out of the message
    # before the rest is judged ("our server is down, is that an emergency?").
    "EMERGENCY_TAG": Family(
        matches=(
            "does a broken printer count as an emergency",
            "what counts as an emergency?",
            "whats an emergency for you guys",
            "server's down, is that an emergency?",
            "would one dead phone line be urgent enough",
            "is a slow laptop serious enough to call about",
            "what do you consider an emergency",
            "would a virus on one pc count as urgent",
        ),
        misses=(
            "this is an emergency",
            "emergency!! server is down",
            "we have an emergency",
            "it counts for a lot",
            "is this urgent?",
            "the emergency contact list is out of date",
        ),
    ),
    # The bare words of a security incident: ransomware, malware, hacked, infected.
    "SECURITY_WORDS": Family(
        matches=(
            "a ransom note popped up on the reception pc",
            "i think its ransonware",
            "there's malware on the laptop",
            "my pc is infected",
            "our website got hacked",
            "i got scammed by a fake invoice",
            "the server's picked up a virus",
            "i think someone is hacking my account",
        ),
        misses=(
            "the virus scan came back clean",
            "what does the antivirus do",
            "we need a hacker-proof password",
            "is this a scam?",
            "the encryption key is in the safe",
            "phishing training for staff",
        ),
    ),
    # Asking about security in general: a policy word and a security word in one clause.
    "SECURITY_POLICY": Family(
        matches=(
            'is ransomware covered under the emergency response?',
            "is cleaning up a hacked website covered by our plan?",
            "what would a hacked email account cost us to clean up",
            "do you protect us against ransomware?",
            "what is phishing",
            "how do we prevent malware",
            "are we safe from hackers",
            "would we even know if we got hacked",
            "is our data encrypted at rest",
            "whats your policy on stolen laptops",
            "ransomware insurance - worth it?",
        ),
        misses=(
            "our website got hacked, is that covered?",
            "we got ransomware",
            "our files are all encrypted",
            "i think ive been hacked",
            "we were hacked. what do we do now?",
            "a virus popped up on my screen",
            "the hacker read my email",
        ),
    ),
    # An incident told by its symptoms: renamed files, mail sent in my name, codes nobody
    # asked for, a fake support caller, gift cards.
    "SECURITY_SIGNS": Family(
        matches=(
            "I didn't click it but I think Jess might have",
            'one of the nurses may have clicked the link',
            'our website shows a skull picture instead of our home page',
            'antivirus is going mad with alerts on three machines at once',
            "someone reset my password and it wasnt me",
            "MFA prompts keep coming through on my phone",
            "my phone keeps getting approval prompts",
            "our banking login was used from another country",
            "every account says locked",
            "my mouse is moving by itself and windows keep opening",
            "someones controlling my computer right now",
            "defender says a threat was detected and the pc restarted",
            "all the file names have changed to gibberish",
            "every file now ends in .crypt",
            "there's a readme.txt in every folder",
            "a rule forwarding my mail to gmail, i never set that up",
            "my contacts got a weird email from me",
            "a guy from microsoft rang and talked me into installing something",
            "boss emailed asking for gift cards asap",
            "i keep getting sign in codes i didnt ask for",
        ),
        misses=(
            "the MFA prompt keeps appearing every hour, why do we need this?",
            "I didn't click it and nobody else did either",
            'the antivirus alerts on my laptop are annoying',
            "it keeps asking me for the code every time i open outlook",
            "the password reset worked, thanks",
            "my account is locked",
            "i dont love someone else controlling my mouse",
            "the antivirus subscription is up for renewal",
            "how do i rename a file",
            "forward my emails to my gmail while im away",
            "I signed in from home last night",
            "can you send me the approval form",
            "I logged in from work",
            "the file extension is .xlsx",
        ),
    ),
    # An outage of the whole business said another way: no internet, email is down.
    "OUTAGE_MORE": Family(
        matches=(
            "12 laptops are not starting",
            "we have no internet",
            "we lost the phones",
            "no wifi!!",
            "email is completely down",
            "power cut on our street",
            "customers cant get through on the phone",
            "the main number goes straight to voicemail",
            "the practice software wont open on any of the pcs",
        ),
        misses=(
            "the server is out of warranty next month",
            "you look after our 12 laptops? just curious, not a complaint",
            "take the old server down to the basement please",
            "the internet is really slow",
            "the system is out of date",
            "our website will be down for maintenance tonight",
            "my phone is dead",
            "we have no idea why outlook is slow",
            "the coffee shop down the road has no wifi",
        ),
    ),
    # Still going on now, so a past-tense word does not make the outage over.
    "ONGOING": Family(
        matches=(
            'they cant reach the portal',
            "the server crashed on monday and nobody can work",
            "emails down since 9am",
            "the internet went yesterday and its still out",
            "it came back but now it's dropped again",
            "the server wont boot",
            "right now nobody can print",
            "no wifi at the moment",
            "we currently have no phones",
            "the vpn dropped again today",
            "its still not working and you still cant find why",
        ),
        misses=(
            "when it went down nobody could work",
            "the server was down yesterday",
            "it went down last week but came back",
            "it was fixed in the end",
            "is it working now?",
            "the server wouldnt boot on monday",
            "the moment it crashed we rang you",
            "it went down last month and you still dont know why",
        ),
    ),
    # Looking back at something that is over.
    "PAST": Family(
        matches=(
            'after the power cut on the friday night your tech came on site',
            'the internet went down twice this quarter',
            'the server crashed on sunday night and nobody picked up',
            'the server went down at 9 and came back at 3',
            "the server was down yesterday",
            "last week the internet dropped out",
            "the other day my email stopped",
            "earlier this week nobody could log in",
            "the phones were dead for an hour",
            "we nearly lost a day of work",
            "our server went down tuesday and came back on thursday",
            "when the network went down you said it was a p2",
            "it took you two days to get it back",
            "you logged it as a p3",
        ),
        misses=(
            'the server crashed this morning and nobody can work',
            "the server is down",
            "the internet keeps dropping",
            "we need a lasting fix",
            "this week has been slow",
            "we are out of toner",
            "the phones are dead",
            "is it the last day for the offer?",
            "the server went down this morning",
            "it took ages to load",
        ),
    ),
    # Asking for a person rather than the bot.
    "HUMAN": Family(
        matches=(
            'can I book a meeting with whoever looks after our account?',
            "I don't want more steps, I need an actual technician",
            "can i book a meeting with your lead tech to go through our setup?",
            "can I speak to a real person",
            "please call me on 07700 900123",
            "give me a ring when you can",
            "could someone phone us back",
            "I want a human",
            "not a bot please",
            "put me through to the engineer",
            "I need a real person to look at this",
            "escalate this",
        ),
        misses=(
            'they closed my ticket after trying to call me 3 times',
            "tech said he'd call me back within the hour",
            'we need a technician to set up the new printer',
            "the vendor wont call us back, what do you do then?",
            "the tech did call me back yesterday",
            "is this a bot?",
            "how do i chat with the team in teams",
            "can the server talk to the backup box",
            "what number do I ring for support",
            "please update my phone",
            "the person who set up the router has left",
        ),
    ),
    # Asking for an explanation, at the start of the message.
    "EXPLANATORY": Family(
        matches=(
            'is there somewhere I can see the status of my tickets?',
            "why do I have to change my password",
            "how come the server is so slow",
            "what's the point of MFA",
            "explain the four hour response",
            "how long does a new laptop take",
            "is there a way to skip the queue",
            "when do you come onsite",
            "do we need to buy new laptops",
            "Why??? the printer again",
            "please explain",
        ),
        misses=(
            "your tech couldnt explain it",
            "the reason why is unclear",
            "how do I reset my password",
            "when can you come",
            "do i have admin rights",
            "what happened to my email",
            "i need to know why the server is down",
        ),
    ),
    # Work only staff can do: ticket look-ups, resets, starters and leavers, installs, access.
    "STAFF_ONLY": Family(
        matches=(
            "why is it so slow? can someone take a look",
            "could you check it when you get a chance",
            'Could I get a new battery for my laptop?',
            'can i borrow a laptop this week?',
            'can we book your tech in for half a day?',
            'Can you turn on call forwarding for the team?',
            "can you whitelist it? I can't put orders in",
            'laptop screen cracked. would like a replacement asap',
            "can you get the cracked screen on my laptop replaced?",
            "keyboard is missing keys, can we get a replacement?",
            "can you find out why im not getting emails since lunch?",
            "what's the status of my ticket",
            "any update on ticket 20931",
            "please reset my password",
            "I'm locked out of my account",
            "we have a new starter on monday",
            "could you install Adobe Reader on the front desk PC",
            "give Maria access to the accounts folder",
            "John has left the company",
            "can you set up a mailbox for sales",
            "ref #40211",
            "#40211 any news?",
            "we have 3 new starters this year",
        ),
        misses=(
            "I'm writing a guide for new hires on how to raise IT problems",
            'would like to know why the update broke my printer',
            "can we get 99.9% uptime in writing?",
            "how often should passwords change",
            "what is the status page address",
            "do i need a new laptop",
            "are new starters covered by our plan?",
            "i want to understand the invoice",
            "who can fix a broken heart",
            "the ticket system is great",
            "we need a bigger office",
        ),
    ),
    # Plainly not IT service: jokes, poems, weather, sport, trivia, money tips.
    "OFF_TOPIC": Family(
        matches=(
            "write me a poem about printers",
            "tell me a joke",
            "whats a good lasagne recipe",
            "is it going to rain tomorrow",
            "who won the match last night",
            "what is the capital of France",
            "give me a stock tip",
            "draft a cover letter for me",
            "should I buy bitcoin",
            "that joke was terrible",
        ),
        misses=(
            "the printer story is getting old",
            "can you write the new starters email signature",
            "we need a weatherproof cabinet",
            "the stock of spare laptops",
            "the capital expenditure on servers",
            "our cryptographic keys",
            "the forecasting software crashed",
        ),
    ),
    # Personal and leisure: gaming, the family's gadgets, gifts, home entertainment.
    "PERSONAL": Family(
        matches=(
            "best graphics card for my gaming rig",
            "can my son play Fortnite on this",
            "what tablet should I get for my daughter",
            "who invented the laptop",
            "my wife wants a new laptop",
            "is netflix down",
            "I'm selling my old iPad",
            "christmas present ideas",
        ),
        misses=(
            "our game plan for the migration",
            "the laptop for my new colleague",
            "the tv in reception is off",
            "my wife's laptop is for work",
            "we are gaming the system",
            "stream the board meeting",
        ),
    ),
    # Saying outright that it is not about work.
    "NOT_WORK": Family(
        matches=(
            "this is nothing to do with work",
            "not about work, but",
            "it's not for work",
            "not related to work",
            "not work related",
            "not work-related",
        ),
        misses=(
            "the printer does not work",
            "not working",
            "nothing to do with the network",
            "it's not my work laptop",
            "does it relate to work?",
            "work related question",
        ),
    ),
    # IT service vocabulary.
    "DOMAIN": Family(
        matches=(
            "my laptop",
            "outlook keeps crashing",
            "the wifi is slow",
            "ring the helpdesk",
            "our invoice",
            "your team",
            "a phishing email",
        ),
        misses=(
            "what is the tallest mountain in africa",
            "tell me a joke",
            "a good lasagne recipe",
            "draft a cover letter",
            "my son wants a guitar",
            "my vacation plans",
            "where is the nearest pub",
        ),
    ),
    # Everyday words that lean towards IT service.
    "WEAK_DOMAIN": Family(
        matches=(
            "can you help",
            "this is urgent",
            "its slow",
            "the problem is back",
            "need a fix",
            "over the weekend",
            "after hours",
        ),
        misses=(
            "that was helpful",
            "the slowest runner",
            "downtown traffic",
            "a problematic colleague",
            "my contacts",
            "importantly",
            "we urgently need milk",
        ),
    ),
    # Incident-like wording that is not an incident.
    "NOT_AN_INCIDENT": Family(
        matches=(
            "weve never been hacked",
            "i thought macs didnt get viruses",
            "your whole team",
            "your engineers",
            "we are locking the laptops down",
            "things slow right down in august",
            "we are cutting down on printing",
            "the sla was breached",
            "our targets were breached",
        ),
        misses=(
            "our whole team cant work",
            "I'm locked out",
            "a slow computer",
            "someone breached our network",
            "the server is down",
            "the lockdown policy",
            "you, the team",
        ),
    ),
    # Asking whether something is covered by the agreement or costs extra.
    "ASKS_COVERAGE": Family(
        matches=(
            'is the phone system part of what you look after?',
            'do you support the card readers too?',
            'do you guys look after the phones',
            "is that included",
            "will we be billed",
            "is it billable",
            "do you charge for that",
            "is this covered",
            "what does it cost",
            "is it part of the contract",
        ),
        misses=(
            'can you look after the phones while we are out',
            "what's the costing",
            "we discovered a virus",
            "the uncovered cable",
            "the billing system is slow",
            "part of the team",
            "including the printers",
        ),
    ),
    # Asking why.
    "ASKS_WHY": Family(
        matches=(
            "is that mix the reason things keep going wrong?",
            "could it be the cause of the crashes",
            "why",
            "how come",
            "Why is it slow?",
            "but why",
            "and how come nobody told us",
            "why???",
        ),
        misses=(
            "the reason is the update",
            "whyte street office",
            "anyhow come in",
            "who set this up",
            "what is this",
            "how comes the next part",
            "somehow",
        ),
    ),
    # The client's work or workplace.
    "WORK_CONTEXT": Family(
        matches=(
            "for work",
            "at the office",
            "our printer",
            "a company laptop",
            "the practice",
            "staff laptops",
        ),
        misses=(
            "homework",
            "networking",
            "my laptop at home",
            "your printer",
            "it works",
            "the staffing agency",
        ),
    ),
    # Asking what the bot is for, and nothing else.
    "ASKS_WHAT_BOT_DOES": Family(
        matches=(
            "help",
            "Hi! what can you do?",
            "hey, help pls",
            "what are you for",
            "who are you?",
            "how does this work",
            "how do i use this",
            "show me the menu",
        ),
        misses=(
            "help me reset my password",
            "what can you do about the slow wifi?",
            "who are you sending out tomorrow",
            "how does this printer work",
            "the menu bar has gone in excel",
            "what are your opening hours",
        ),
    ),
    # A fault happening now: something named, and something wrong with it.
    "FAULT": Family(
        matches=(
            "celine's computer won't power on at all",
            'now i cant get any of my emails',
            "the office printer is down",
            "the scanner's out of order again",
            "outlook keeps asking for my password",
            "the printer in reception says offline",
            "my laptop wont turn on",
            "teams keeps freezing on calls",
            "excel crashed again and i lost my work",
            "the error box just says access denied",
            "onedrive wont sync",
            "i cant print",
        ),
        misses=(
            "the landline hasn't gone down once in eleven years",
            "how do i set up outlook on my new phone",
            "the vendor says its fine",
            "we cant wait for the new laptops",
            "can you order a new monitor for Sue",
            "the printer is working fine now",
            "what's the best laptop for the office",
        ),
    ),
    # Mentions a fault but is about something else: whose fault, a ticket's history, what
    # to tell us, a home device.
    "NOT_A_REPORT": Family(
        matches=(
            'would that explain it being slow?',
            "is that normal?",
            "could it be the router",
            "whose job is it to fix the printer",
            "microsoft says it's your end",
            "I logged this on monday",
            "the laptop is still broken",
            "what info do you need from me",
            "my home laptop keeps crashing",
        ),
        misses=(
            'my monitor flickers. could it be fixed or swapped?',
            "the printer is broken",
            "my work laptop keeps crashing",
            "this is normal for a monday",
            "the laptop still works, just slowly",
            "the ticket is closed but it's broken again",
            "the tech fixed my screen",
        ),
    ),
    # Asking when something already reported will be done.
    "TIMELINE": Family(
        matches=(
            "when will it be fixed",
            "how long will this take",
            "whats the eta?",
            "it's been 4 hours!!",
            "we've been waiting all morning",
            "still not fixed",
            "any update?",
            "how much longer",
        ),
        misses=(
            "when can someone come out",
            "please update windows",
            "its beta software",
            "when is the engineer coming",
            "we were waiting for the delivery",
            "it takes a long time to boot",
        ),
    ),
    # The business is waiting on it now: customers queuing, patients in the chairs.
    "BUSINESS_WAITING": Family(
        matches=(
            "theres a line out the door and the tills are frozen",
            "waiting room is full and the booking system wont load",
            "the shop's full of people",
            "its the lunch rush and the card reader died",
            "patients start arriving at 9",
            "customers waiting at the counter and nothing prints",
            "we cant serve customers",
            "queue of patients at reception and no computers",
        ),
        misses=(
            "customers were waiting ages last month",
            "is there a queue for tickets",
            "the waiting room tv is off",
            "we can see patients notes on the ipad now",
            "our lunch break is at 1",
            "is there a waiting list for new laptops",
        ),
    ),
    # A complaint about an outage the provider is already handling, not a new one.
    "KNOWN_ALREADY": Family(
        matches=(
            "we called the emergency line and got a call back within the hour",
            "then were told nobody could come",
            "your tech says it's a microsoft problem",
            "we've been told twice it was fixed",
            "isnt that what we pay you for?",
            "i already reported this yesterday",
            "why is the email still down",
            "cant you just restart the server",
            "whats the point of support if nobody comes",
            "why couldnt you fix it remotely",
        ),
        misses=(
            "our tech lead is off sick",
            "the tech is coming tomorrow",
            "why is the printer slow",
            "what is the wifi password",
            "can you just check the backups",
            "you said to restart it",
        ),
    ),
    # Nothing was clicked or opened: a near miss, unless someone else may have.
    "NEAR_MISS": Family(
        matches=(
            "i didnt click the link",
            "I never opened the attachment, just deleted it",
            "i didnt reply to it",
            "i did not download anything",
            "we wont answer the number",
            "I never called the number on the popup",
        ),
        misses=(
            "i didnt click it but jess might have",
            "I didnt open it, but my boss may have",
            "I clicked the link",
            "i opened the attachment before i saw it was fake",
            "i never got the email",
            "i did click it, sorry",
        ),
    ),
    # A home or personal device, or doubting what the service can do: not work to log.
    "HOME_DEVICE": Family(
        matches=(
            "can I drop my son's laptop off tomorrow?",
            "can you look at the kids' xbox",
            "my daughter's old laptop keeps crashing",
            "can you look at my personal laptop",
            "my home printer wont connect",
            "it's my own ipad, not a work one",
            "the wifi at home keeps dropping",
            "can you really fix a private phone",
            "can you actually do that?",
        ),
        misses=(
            'my son starts work experience here on monday',
            "my work laptop is slow",
            "the home page of our website is broken",
            "i'm working from home today",
            "can you fix my laptop",
            "the printer in the office keeps jamming",
            "my personal assistant's laptop wont turn on",
        ),
    ),
    # The client says it was them.
    "SELF_CAUSED": Family(
        matches=(
            "oh that's just me isn't it",
            "it was me, i deleted the folder by accident",
            "thats probably me, i changed the password",
            "its only me being daft",
            "that was me logging in from the train",
            "oh, it was only me",
        ),
        misses=(
            "that wasnt me",
            "its not me logging in",
            "that meeting got moved",
            "it messaged me at 3am",
            "thats mental",
            "it means nothing to me",
        ),
    ),
    # Someone else's incident, or one long over: asked about, not happening now.
    "NOT_OURS_OR_OVER": Family(
        matches=(
            "we had a ransomware scare in march",
            "a friend's firm got ransomware, could that happen to us?",
            "my neighbours business was hacked",
            "the shop next door got hit by a virus",
            "saw it on the news, are we at risk?",
            "saw a scary article about phishing",
            "we got hacked a few years back",
            "we had a virus last year, are we safer now",
            "over the summer someone got into our email",
        ),
        misses=(
            "we got hit in march and now its back again",
            "our firm got ransomware",
            "we got hacked last night",
            "my neighbour keeps using our wifi",
            "we were hacked two days ago",
            "someone got into our email over the weekend",
            "this year we moved to 365",
        ),
    ),
    # Asking how the service works or what is normal, even when it names a fault.
    "SERVICE_QUESTION": Family(
        matches=(
            "the vpn isnt working and its saturday. does anyone work weekends?",
            "are your techs around over the bank holiday?",
            'the scanner isnt working but i can email files. does that make it lower priority?',
            'doesnt the contract say 4 hours?',
            "what do the icons mean on the invoice email?",
            "is a dead keyboard a p3 or a p4?",
            "would a scanner that jams all day be classed as urgent?",
            "what do you need from us before you can start?",
            "when we raise a ticket about email, what should we put in it?",
            "should we have a policy about sharing passwords?",
            "what do your other clients do about this",
            "do I need to log it again or is the old ticket still open",
            "is there somewhere I can see my open tickets",
            "do you actually read the emails we send",
            "are we protected if someone clicks a bad link",
            "it works again now. do you still need to come out?",
            "whats the difference between a ticket and an email",
            "how long does a repair usually take",
            "is it normal for outlook to ask for my password every day",
            "does that count as one ticket or two",
            "could that be the router",
            "explain why we need mfa",
            "in future who do we call",
            "is a printer not working a big deal?",
        ),
        misses=(
            'the contract is up for renewal in may',
            "the printer is dead, P1 please",
            "we raised it yesterday and the scanner still jams",
            "should we be worried about the grinding noise from the server?",
            "the printer isnt working",
            "its really slow",
            "this is a big problem",
            "please fix it",
            "whats the wifi password",
            "the router could be dead",
        ),
    ),
    # Which priority or urgency a kind of fault gets.
    "HAPPENING_NOW": Family(
        matches=(
            "its happening right now",
            "at the moment the screen is flashing",
            "as we speak files are changing",
            "its going on now",
            "we are currently under attack",
            "this is currently happening",
        ),
        misses=(
            "it happened yesterday",
            "the server has been patched",
            "we still use windows 10",
            "is it normal",
            "now and then it freezes",
            "currently we use sophos",
        ),
    ),
    "KIND_OF_INCIDENT": Family(
        matches=(
            "whats your process for a data breach?",
            "what happens after i report a hacked account?",
            "how fast is your response to a total outage?",
            "where does it rank against a virus infection",
            "how do you handle a ransomware attack",
            "is there a plan for a stolen laptop",
        ),
        misses=(
            "we need help with a virus on the front desk pc",
            "im calling about a hacked account, its mine",
            "i need to report a hacked account",
            "we think we have a virus",
            "i clicked a phishing link",
            "our server has crashed",
        ),
    ),
    "GENERAL_PRIORITY": Family(
        matches=(
            "where does a virus infection rank compared to a broken printer?",
            "is a password reset treated as urgent if i cant work without it?",
            "would a broken monitor be classed as a p3?",
            "are any printer faults handled as high priority?",
            "does a dead mouse count... is a dead mouse treated as low priority?",
            "is a new starter set-up classed as a priority",
            "would an email outage be treated as an emergency?",
        ),
        misses=(
            "my password reset is urgent",
            "i need a password reset, is that treated as urgent?",
            "the ticket was logged as a p2",
            "a tech treated it as urgent",
            "is my laptop treated as urgent",
            "this should be treated as urgent",
        ),
    ),
    "ASKS_PRIORITY": Family(
        matches=(
            "a tablet that won't charge: emergency or a normal ticket?",
            "one scanner jamming, how urgent is that for you?",
            "what priority does a dead mouse get?",
            "a frozen screen, is that same day or next day?",
            "a broken headset, is that a p4?",
            "outlook crashing for one user, would that be high priority?",
        ),
        misses=(
            "this is urgent, the printer is broken",
            "the server is down, P1 please",
            "priority support is included in our plan",
            "it is an emergency",
            "how urgent can it be, it's just a mouse",
            "the ticket was logged as high priority",
        ),
    ),
    # The writer's own stake in what they describe.
    # The message ends by asking about the service rather than for the work.
    "CLOSING_SERVICE_QUESTION": Family(
        matches=(
            'my son put games on my laptop. and is that the kind of thing you deal with',
            "excel crashes since the add-in. do you support software we bring in?",
            "the portal stopped loading. do you control browser updates as well?",
            "the printer is down but we can print upstairs. where does that sit in your queue?",
            "my laptop is slow again. is that normal for a machine this old?",
            "our vendor is down. is there anything you can actually do, or do we just wait??",
            "outlook keeps freezing. is that something you would usually handle?",
            "the wifi dropped again. arent you supposed to monitor that?",
        ),
        misses=(
            'my laptop is slow. and can you have a look',
            "zoom shows a black screen when i share. can you fix it?",
            "the x-ray software says its licence expired. could you check it?",
            "my screen flickers. do you mind having a look please?",
            "so can someone come and look at the printer?",
            "do you support printers? mine is broken and i need it today.",
            "the printer is jammed, is that normal",
            "my laptop wont start",
        ),
    ),
    # One of several machines is affected and the rest work.
    "ONLY_ONE": Family(
        matches=(
            "the label printer on till 3 stopped but the other tills are fine",
            "the other PCs seem fine",
            "everyone else is fine",
            "everybody else's is ok",
            "the other ones are all working",
            "other printers are fine",
            "the wi-fi is down in the meeting room",
        ),
        misses=(
            "all the tills are down",
            "the server in the back room wont power on",
            "nobody can get on the wifi, everyones standing at my desk",
            "the other day the tills went down",
            "everyone else is down too",
            "the other printer is broken as well",
            "is everyone else fine?",
            "none of the other tills work",
        ),
    ),
    # Kitchen machines, not IT.
    "NOT_IT_THING": Family(
        matches=(
            "the coffee machine in the kitchen is just beeping",
            "the microwave in the staff kitchen isnt working",
            "our fridge has died",
            "the dishwasher is leaking",
            "the vending machine ate my coins",
            "can you fix the kettle",
        ),
        misses=(
            "the server room aircon has died",
            "the card machine is down",
            "the label printer in the kitchen",
            "the office coffee order",
            "machine learning",
            "the kettlebell class booking site",
        ),
    ),
    # It works now, it is done, or it is news.
    "SORTED_NOW": Family(
        matches=(
            "the engineer has left, everything's back on",
            "the new monitors were delivered this morning",
            "HR portal all sorted now, thank you!!",
            "restarted and everything seems to be working now, you can close it",
            "never mind, user error! i was in the wrong account",
            "the two technicians have arrived with the new part",
            "monitors are all delivered and on the desks upstairs",
            "fyi I dropped my laptop off at the tech desk downstairs",
            "got the confirmation email with the RMA number, thanks",
            "Got your email about the weekend maintenance, noted",
        ),
        misses=(
            "incoming is fine but I can't dial out",
            "webmail works fine on my phone",
            "just to get them working again",
            "it isnt working now",
            "the servers back up nightly",
            "when will it be fixed",
        ),
    ),
    "PERSONAL_STAKE": Family(
        matches=(
            "my laptop won't start",
            "our scanner jams",
            "I can't print",
            "we're stuck",
            "it won't let me in",
            "is that ours to fix?",
        ),
        misses=(
            "one person's laptop won't start",
            "a printer that jams",
            "the server is down",
            "someone's screen is frozen",
            "a tablet that won't charge",
            "staff can't print",
        ),
    ),
}


def _cases(kind: str) -> list[tuple[str, str]]:
    return [(name, text) for name, family in FAMILIES.items()
            for text in getattr(family, kind)]


def _family(name: str) -> re.Pattern[str]:
    family = getattr(p, name)
    assert isinstance(family, re.Pattern)
    return family


@pytest.mark.parametrize(("name", "text"), _cases("matches"))
def test_family_matches(name: str, text: str) -> None:
    assert _family(name).search(flatten(text)), f"{name} should match {text!r}"


@pytest.mark.parametrize(("name", "text"), _cases("misses"))
def test_family_misses_look_alikes(name: str, text: str) -> None:
    found = _family(name).search(flatten(text))
    assert found is None, f"{name} matched {found and found.group()!r} in {text!r}"


# GENERIC is a word list: a message made only of these words says nothing specific.
@pytest.mark.parametrize("text", [
    "help!! urgent please",
    "something is wrong with my computer",
    "hi is anyone there",
    "sorry to bother you again",
    "same problem as before",
    "it's broken",
    "quick question",
])
def test_generic_words_say_nothing_specific(text: str) -> None:
    assert [w for w in content_words(flatten(text)) if w not in p.GENERIC] == []


@pytest.mark.parametrize(("text", "specific"), [
    ("printer broken", ["printer"]),
    ("outlook help", ["outlook"]),
    ("laptop screen", ["screen"]),
    ("vpn issue", ["vpn"]),
    ("wifi down", ["wifi"]),
    ("help with the invoice", ["invoice"]),
])
def test_a_specific_word_is_not_generic(text: str, specific: list[str]) -> None:
    assert [w for w in content_words(flatten(text)) if w not in p.GENERIC] == specific


def test_every_family_is_covered() -> None:
    public = {name for name in dir(p) if name.isupper() and not name.startswith("_")}
    assert public == {*FAMILIES, "GENERIC"}


@pytest.mark.parametrize("name", FAMILIES)
def test_each_family_has_enough_examples(name: str) -> None:
    assert len(FAMILIES[name].matches) >= 6
    assert len(FAMILIES[name].misses) >= 6
