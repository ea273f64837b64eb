"""The stable topic slugs (see shared/brief/topics.md)."""

TOPICS: dict[str, str] = {
    "response-vs-resolution": "Response targets time the start of work, not the fix.",
    "open-systems": "PCs, Macs, phones and cloud apps are open systems.",
    "not-the-cable-company": "Why an IT provider cannot run like a utility.",
    "guarantees-and-uptime": "Why nobody can honestly guarantee a fix time or uptime.",
    "priorities-and-triage": "How requests are ranked and why a ticket may wait.",
    "after-hours": "Coverage outside business hours.",
    "emergencies": "What counts as an emergency and how to reach a person fast.",
    "third-party-outages": "ISPs, Microsoft 365, vendors: coordinated, not fixed, by the MSP.",
    "user-installed-software": "Software and devices users add; why admin rights are limited.",
    "updates-and-patching": "Why updates happen, why they sometimes break things.",
    "hardware-and-parts": "Failed hardware, warranty claims, waiting for parts.",
    "whats-included": "What the agreement covers versus billable work.",
    "making-it-predictable": "What the client can do to make IT more predictable.",
    "small-team": "MSPs are small teams; availability and who answers.",
    "diagnosis-takes-time": "Why intermittent problems take long to diagnose.",
    "how-to-report": "How to report a problem so it is handled fastest.",
    "what-managed-means": "What managed services means and does not mean.",
    "remote-vs-onsite": "Why most work is remote first, and when someone comes on site.",
    "security-friction": "Why MFA, blocked sites and password rules exist.",
    "communication-and-updates": "How and when the client hears about progress.",
}
