#!/bin/sh
# deb postrm "purge": the device credential, spool and config go too, and the
# env file an admin may have put the enroll token in.
# $DPKG_ROOT: as in after-install.sh.
set -e

if [ "$1" = purge ]; then
  root=${DPKG_ROOT-}
  rm -rf "$root/var/lib/tandem-agent"
  rm -f "$root/etc/tandem/agent.yaml" "$root/etc/tandem/collector-ca.pem" "$root/etc/tandem/agent.env"
  rmdir "$root/etc/tandem" 2>/dev/null || true
fi
exit 0
