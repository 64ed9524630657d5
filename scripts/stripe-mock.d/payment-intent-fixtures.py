"""Writes the fixtures of a stripe-mock that answers with another PaymentIntent than its own.

    python3 payment-intent-fixtures.py approving|confirming DEFAULT_FIXTURES_JSON OUTPUT_JSON

stripe-mock answers every PaymentIntent call with its one canned payment_intent fixture, whose
status is requires_payment_method (how the app sees a declined card). This copy changes only
that fixture, to what the profile's intent looks like:
  approving   a paid intent: status succeeded, no error, no pending action, not cancelled,
              amount_received = amount
  confirming  an intent waiting for the bank's 3-D Secure step: status requires_action, the
              next action use_stripe_sdk (what Stripe.js acts on), no error, not cancelled,
              nothing received yet
Everything else stays stripe-mock's (same version).
"""

import json
import os
import sys

PROFILES = {
    "approving": {
        "status": "succeeded",
        "last_payment_error": None,
        "next_action": None,
        "canceled_at": None,
        "cancellation_reason": None,
    },
    "confirming": {
        "status": "requires_action",
        "last_payment_error": None,
        # The shape of the fixture's own next_action ({"type": ...}), with the object that
        # Stripe.js reads under the key the type names.
        "next_action": {"type": "use_stripe_sdk", "use_stripe_sdk": {}},
        "canceled_at": None,
        "cancellation_reason": None,
        "amount_received": 0,
    },
}


def main(profile, source, target):
    with open(source, encoding="utf-8") as f:
        fixtures = json.load(f)
    try:
        intent = fixtures["resources"]["payment_intent"]
    except (KeyError, TypeError):
        sys.exit(f"{source}: no resources.payment_intent fixture")
    intent.update(PROFILES[profile])
    if profile == "approving" and "amount_received" in intent and "amount" in intent:
        intent["amount_received"] = intent["amount"]
    # Written beside the target and renamed, so a running mock never sees half a file.
    partial = f"{target}.partial"
    with open(partial, "w", encoding="utf-8") as f:
        json.dump(fixtures, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(partial, target)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in PROFILES:
        sys.exit(__doc__.strip())
    main(*sys.argv[1:])
