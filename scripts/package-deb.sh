#!/bin/bash
# package-deb.sh [OUTDIR]: builds audisp-json_<version>_all.deb with dpkg-deb (npm run package:deb).
#
# Layout of the package:
#   /usr/lib/audisp-json/{dist/src,node_modules,package.json,bin/audisp-json,conf.d}  the program
#   /usr/sbin/audisp-json -> ../lib/audisp-json/bin/audisp-json                       launcher (relative link)
#   /etc/audit/plugins.d/audisp-json.conf   auditd stanza, active = no (conffile)
#   /etc/audit/audisp-json.conf             config (conffile, mode 0640)
#   /usr/share/doc/audisp-json/audit.rules  example rules
# Depends: nodejs (>= 20): Debian 12 ships nodejs 18.20, which is too old for undici 7 (needs >= 20.18);
# on Debian 12 install Node 20+ first (NodeSource's nodejs package satisfies the dependency).
# Production node_modules come from `npm ci --omit=dev` on package-lock.json (offline when the npm
# cache has them). Needs dpkg-deb and npm. Prints the path of the .deb on stdout.
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
OUTDIR=$(readlink -m -- "${1:-$ROOT/build}")
cd "$ROOT"

for f in conf.d/audisp-json.conf conf.d/plugins.d/audisp-json.conf conf.d/audit.rules bin/audisp-json package-lock.json; do
  [[ -e $f ]] || { echo "package-deb.sh: missing $f" >&2; exit 1; }
done
command -v dpkg-deb > /dev/null || { echo "package-deb.sh: needs dpkg-deb (apt-get install dpkg)" >&2; exit 1; }

VERSION=$(node -p 'require("./package.json").version')
NAME=audisp-json
PKG=${NAME}_${VERSION}_all
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/$NAME-deb.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
D=$STAGE/$PKG
LIB=$D/usr/lib/$NAME

npx --no-install tsc -p tsconfig.json >&2

install -d -m 0755 "$LIB/dist" "$LIB/bin" "$LIB/conf.d/plugins.d" "$D/usr/sbin" "$D/etc/audit/plugins.d" \
  "$D/usr/share/doc/$NAME" "$D/DEBIAN"
cp -r dist/src "$LIB/dist/src"
find "$LIB/dist" -name '*.map' -delete
cp package.json package-lock.json "$LIB/"
(cd "$LIB" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error >&2)
rm -f "$LIB/package-lock.json"
install -m 0755 bin/audisp-json "$LIB/bin/audisp-json"
install -m 0644 conf.d/audisp-json.conf conf.d/audit.rules "$LIB/conf.d/"
install -m 0644 conf.d/plugins.d/audisp-json.conf "$LIB/conf.d/plugins.d/"
ln -s ../lib/$NAME/bin/audisp-json "$D/usr/sbin/audisp-json"
install -m 0640 conf.d/plugins.d/audisp-json.conf "$D/etc/audit/plugins.d/audisp-json.conf"
install -m 0640 conf.d/audisp-json.conf "$D/etc/audit/audisp-json.conf"
install -m 0644 conf.d/audit.rules "$D/usr/share/doc/$NAME/audit.rules"
cat > "$D/usr/share/doc/$NAME/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: $NAME
License: $(node -p 'require("./package.json").license')
Comment: third-party licences are in /usr/lib/$NAME/node_modules/*/LICENSE*
EOF

cat > "$D/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: all
Maintainer: audisp-json maintainers <audisp-json@localhost>
Depends: nodejs (>= 20), auditd
Section: admin
Priority: optional
Installed-Size: $(du -sk "$D" | cut -f1)
Homepage: https://github.com/gdestuynder/audisp-json
Description: auditd plugin that sends audit events as MozDef JSON
 audisp-json correlates Linux audit records into events and delivers each as one
 MozDef JSON message to MozDef (HTTP/S), a file, Fluentd or Kafka, without silent loss.
 The auditd plugin stanza is installed inactive: run "audisp-json install --reload"
 to switch it on.
EOF
printf '/etc/audit/plugins.d/audisp-json.conf\n/etc/audit/audisp-json.conf\n' > "$D/DEBIAN/conffiles"

cat > "$D/DEBIAN/prerm" <<'EOF'
#!/bin/sh
set -e
# The stanza (a conffile) stays until purge; an active one would make auditd look for a launcher
# that is gone (auditd then skips it with an error in its log).
# DPKG_ROOT: set by dpkg --root with --force-script-chrootless (the package test uses it).
if [ "$1" = remove ] && grep -Eqs '^[[:space:]]*active[[:space:]]*=[[:space:]]*yes' "${DPKG_ROOT:-}/etc/audit/plugins.d/audisp-json.conf"; then
  echo "audisp-json: the auditd plugin is active; set active = no in /etc/audit/plugins.d/audisp-json.conf" >&2
  echo "audisp-json: (or run 'audisp-json uninstall --reload' before removing) and restart auditd" >&2
fi
exit 0
EOF
cat > "$D/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = purge ]; then
  # what the program made at run time: spool and dead letters; and leftovers of "audisp-json install"
  # (DPKG_ROOT: set by dpkg --root with --force-script-chrootless, as the package test does)
  r=${DPKG_ROOT:-}
  rm -rf "$r/var/spool/audisp-json" "$r/var/lib/audisp-json"
  rm -f "$r/etc/audit/audisp-json.conf.audisp-json-tmp" "$r/etc/audit/plugins.d/audisp-json.conf.audisp-json-tmp"
  rmdir "$r/etc/audit/audisp-json.d" 2>/dev/null || true
fi
exit 0
EOF
chmod 0755 "$D/DEBIAN/prerm" "$D/DEBIAN/postrm"

mkdir -p "$OUTDIR"
dpkg-deb --root-owner-group -Zxz --build "$D" "$OUTDIR/$PKG.deb" >&2
echo "$OUTDIR/$PKG.deb"
