"""The partners' space: staff accounts, anonymous counting of the programme's work, indicators.

Nothing here identifies a person: records hold categories only (commune, age bracket, statuses,
needs), every published figure hides or merges cells under five people, and records are purged
after the retention period.
"""
