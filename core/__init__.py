"""The ground of the marketplace: what every app may import, and that imports no app of ours.

The Vietnam clock (`clock`), Vietnamese text folding (`vietnamese`), mails (`mails`), who may
use which back-office page (`permissions`), the abstract models (`models`), downloads
(`downloads`), SVG charts (`charts`), uploaded documents (`uploads`), form helpers (`forms`),
the support sessions' rules and log (`support`), rate limits (`ratelimit`), logging in by
e-mail (`authentication`), script-safe JSON-LD (`jsonld`) and SQLite's transactions
(`transactions`: only requests that may write are atomic; the write lock for stock).
"""
