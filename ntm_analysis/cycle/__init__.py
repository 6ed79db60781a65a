"""The period cycle: scaffold the next period, input workbooks, import, compare, series."""
