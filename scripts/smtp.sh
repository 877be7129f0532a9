#!/usr/bin/env bash
# Installs the test suites' SMTP server (aiosmtpd, Debian's python3-aiosmtpd) if it is
# missing and prints the Python interpreter that has it. The notification suites
# (crates/cli/tests/notify.rs) start scripts/smtp_sink.py with it, one server per
# test on a free port, and read the messages it received. Idempotent.
set -euo pipefail
for py in /usr/bin/python3 python3; do
  if "$py" -c "import aiosmtpd" >/dev/null 2>&1; then
    command -v "$py"
    exit 0
  fi
done
echo "installing python3-aiosmtpd from Debian..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq python3-aiosmtpd >&2
/usr/bin/python3 -c "import aiosmtpd" >&2
echo /usr/bin/python3
