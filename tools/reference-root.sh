#!/bin/sh
# Build (once) the Debian 13 "trixie" reference root that carries Pacemaker 3.0,
# so that tests and tools/extract_release_data.py can run the 3.0 crm_verify
# and daemons' metadata next to the host's 2.1.5.
#
# Idempotent: exits 0 at once when the root exists and answers with 3.0.x.
# The root's path is $PCS_LINT_DEBIAN13_ROOT (tests read the same variable),
# by default /var/cache/pcs-lint/debian13-root.
#
# The Debian mirror is taken from apt's configured sources: nothing else is
# contacted. Needs root (debootstrap, chroot).
set -eu

ROOT=${PCS_LINT_DEBIAN13_ROOT:-/var/cache/pcs-lint/debian13-root}
# python3-cffi-backend: pcs needs python3-cryptography, which depends on virtual packages that
# only python3-cffi-backend provides, and debootstrap's resolver does not follow virtual packages.
PACKAGES=pacemaker-cli-utils,pacemaker-common,pcs,corosync,python3-cffi-backend
SUITE=trixie

say() { printf 'reference-root: %s\n' "$*" >&2; }

# The fence agents whose metadata pcs 0.12 reads when a fix creates or updates a fence device
# (tests/test_fixes_apply.py skips those fixes without them). Added to a ready root too: roots
# built before they were listed lack them. A failure only leaves those tests skipping.
FENCE_AGENTS="fence-agents-ipmilan fence-agents-sbd"
add_fence_agents() {
    if [ -x "$1/usr/sbin/fence_ipmilan" ] && [ -x "$1/usr/sbin/fence_sbd" ]; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        say "needs root to add $FENCE_AGENTS to $1; the tests that need them skip"
        return 0
    fi
    say "adding $FENCE_AGENTS to $1"
    # shellcheck disable=SC2086 # the package names are words
    timeout 600 chroot "$1" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        $FENCE_AGENTS >&2 \
        || { timeout 600 chroot "$1" apt-get update -q >&2 \
             && timeout 600 chroot "$1" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
                --no-install-recommends $FENCE_AGENTS >&2; } \
        || say "could not add $FENCE_AGENTS: the tests that need them skip"
}

# crm_verify --version's first line is "Pacemaker 3.0.0" (or similar).
root_release() {
    chroot "$1" crm_verify --version 2>/dev/null | sed -n '1s/^Pacemaker \([0-9][0-9.]*\).*/\1/p'
}

root_is_ready() {
    [ -x "$1/usr/sbin/crm_verify" ] || return 1
    case "$(root_release "$1")" in
        3.0.*) return 0 ;;
        *) return 1 ;;
    esac
}

# The first Debian (not -security) archive URI in apt's sources, deb822 or
# one-line format.
debian_mirror() {
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        sed -n 's/^URIs:[[:space:]]*//p' "$f" | tr ' ' '\n'
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -r "$f" ] || continue
        sed -n 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p' "$f"
    done
}

pick_mirror() {
    debian_mirror | grep -E '/debian/?$' | head -n 1
}

if root_is_ready "$ROOT"; then
    say "ready: $ROOT (Pacemaker $(root_release "$ROOT"))"
    add_fence_agents "$ROOT"
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    say "needs root to build $ROOT"
    exit 2
fi

if ! command -v debootstrap >/dev/null 2>&1; then
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >&2
fi

MIRROR=$(pick_mirror)
if [ -z "$MIRROR" ]; then
    say "no Debian archive URI found in apt's sources"
    exit 2
fi

mkdir -p "$(dirname "$ROOT")"
LOCK="$ROOT.lock"
# One builder at a time; a second caller waits, then finds the root ready.
exec 9>"$LOCK"
flock 9
if root_is_ready "$ROOT"; then
    say "ready: $ROOT (built by a concurrent run)"
    add_fence_agents "$ROOT"
    exit 0
fi

PARTIAL="$ROOT.partial"
rm -rf "$PARTIAL"
say "building $ROOT from $MIRROR ($SUITE, minbase + $PACKAGES); this takes several minutes"
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$PARTIAL" "$MIRROR" >&2

release=$(root_release "$PARTIAL")
case "$release" in
    3.0.*) ;;
    *)
        say "the built root's crm_verify reports '${release:-nothing}', expected 3.0.x"
        exit 1
        ;;
esac

rm -rf "$ROOT"
mv "$PARTIAL" "$ROOT"
say "ready: $ROOT (Pacemaker $release)"
add_fence_agents "$ROOT"
