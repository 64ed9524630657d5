"""Writes the "approving" stripe-mock's fixtures: stripe-mock's own, with a succeeded PaymentIntent.

    python3 approving-fixtures.py DEFAULT_FIXTURES_JSON OUTPUT_JSON

stripe-mock answers every PaymentIntent call with its one canned payment_intent fixture, whose
status is requires_payment_method (how the app sees a declined card). This copy changes only
that fixture, to what a paid intent looks like: status succeeded, no error, no pending action,
not cancelled, amount_received = amount. Everything else stays stripe-mock's (same version).
"""

import json
import os
import sys

SUCCEEDED = {
    "status": "succeeded",
    "last_payment_error": None,
    "next_action": None,
    "canceled_at": None,
    "cancellation_reason": None,
}


def main(source, target):
    with open(source, encoding="utf-8") as f:
        fixtures = json.load(f)
    try:
        intent = fixtures["resources"]["payment_intent"]
    except (KeyError, TypeError):
        sys.exit(f"{source}: no resources.payment_intent fixture")
    intent.update(SUCCEEDED)
    if "amount_received" in intent and "amount" in intent:
        intent["amount_received"] = intent["amount"]
    # Written beside the target and renamed, so a running mock never sees half a file.
    partial = f"{target}.partial"
    with open(partial, "w", encoding="utf-8") as f:
        json.dump(fixtures, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(partial, target)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    main(sys.argv[1], sys.argv[2])
