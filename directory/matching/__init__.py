"""A person's situation -> eligible, ranked, explained solutions (see service.match_situation).

situation.py  the Situation model (the API contract) and its checks
profile.py    the resolved Person (communes through directory/places.py) and its publics
index.py      the catalogue prepared for matching, by zone element
facts.py      the structured facts the rules establish
rules.py      hard rules, things to check, exclusions
ranking.py    the score and the order of need groups
engine.py     match(): the rules and the ranking over the index, near misses
phrases.py    the French wording of the facts
output.py     the output model shared by the desk page and the API
relevance.py  the hook for the search layer's text relevance
service.py    the use case
sheet.py      the take-away sheet and its short text version
"""
