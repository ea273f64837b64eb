"""Tickets: what a fault report or request becomes, with a provisional priority and the
response due time the client's agreement gives it."""
