#!/usr/bin/env bash
# Turn the .app that build.spec made into a signed, notarised DMG.
#
#   pyinstaller --noconfirm --clean build.spec
#   installers/macos/build_dmg.sh
#
# Steps, in order; each signing step is SKIPPED, with a message saying why,
# when the environment variables it needs are not set:
#   1. import a Developer ID certificate into a throw-away keychain
#        MACOS_CERTIFICATE_P12 (base64 of the .p12), MACOS_CERTIFICATE_PASSWORD
#      (not needed when the identity is already in your login keychain)
#   2. codesign every library, then the app, with the hardened runtime
#        MACOS_SIGN_IDENTITY, e.g. "Developer ID Application: Name (TEAMID)"
#   3. notarise the app (notarytool) and staple the ticket to it
#        MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID,
#        MACOS_NOTARY_PASSWORD (an app-specific password)
#   4. make the DMG (hdiutil; the app and a link to /Applications), sign it,
#      notarise and staple it too
#   5. verify the signatures and run the app's --self-test from the mounted DMG
# Writes dist/NA-ACCORD-Desktop-Precheck-<version>.dmg and prints its SHA-256.
set -euo pipefail
cd "$(dirname "$0")/../.."

PRODUCT="NA-ACCORD Desktop Precheck"
APP="dist/$PRODUCT.app"
ENTITLEMENTS="installers/macos/entitlements.plist"
WORK="$(mktemp -d)"
KEYCHAIN=""

cleanup() {
    if [ -n "$KEYCHAIN" ]; then security delete-keychain "$KEYCHAIN" || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

skip() { echo "SKIPPED: $*"; }

if [ ! -d "$APP" ]; then
    echo "There is no '$APP': run 'pyinstaller --noconfirm --clean build.spec' first." >&2
    exit 1
fi
VERSION="$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist")"
DMG="dist/NA-ACCORD-Desktop-Precheck-$VERSION.dmg"

SIGN=no
[ -n "${MACOS_SIGN_IDENTITY:-}" ] && SIGN=yes
NOTARISE=no
if [ "$SIGN" = yes ] && [ -n "${MACOS_NOTARY_APPLE_ID:-}" ] && [ -n "${MACOS_NOTARY_TEAM_ID:-}" ] \
        && [ -n "${MACOS_NOTARY_PASSWORD:-}" ]; then
    NOTARISE=yes
fi

import_certificate() {
    KEYCHAIN="$WORK/signing.keychain-db"
    local password
    password="$(uuidgen)"
    echo "$MACOS_CERTIFICATE_P12" | base64 --decode > "$WORK/certificate.p12"
    security create-keychain -p "$password" "$KEYCHAIN"
    security set-keychain-settings -lut 21600 "$KEYCHAIN"
    security unlock-keychain -p "$password" "$KEYCHAIN"
    security import "$WORK/certificate.p12" -k "$KEYCHAIN" -P "$MACOS_CERTIFICATE_PASSWORD" \
        -T /usr/bin/codesign
    security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$password" "$KEYCHAIN" >/dev/null
    # codesign looks in the keychain search list: put ours first, keep the others.
    local others=()
    while IFS= read -r line; do
        line="${line#"${line%%[![:space:]]*}"}"
        others+=("${line//\"/}")
    done < <(security list-keychains -d user)
    security list-keychains -d user -s "$KEYCHAIN" "${others[@]}"
    security find-identity -v -p codesigning "$KEYCHAIN"
}

sign() {  # sign FILE [extra codesign arguments...]
    local target="$1"
    shift
    codesign --force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY" "$@" "$target"
}

sign_app() {
    # Inside out: loose libraries first (deepest first), then each Qt framework,
    # then the executable and the app with the entitlements.
    local file
    while IFS= read -r -d '' file; do
        case "$file" in *.framework/*) continue ;; esac
        if file -b "$file" | grep -q "Mach-O"; then sign "$file"; fi
    done < <(find "$APP/Contents/Frameworks" "$APP/Contents/Resources" -depth -type f -print0)
    while IFS= read -r -d '' file; do
        sign "$file"
    done < <(find "$APP/Contents/Frameworks" -depth -type d -name "*.framework" -print0)
    sign "$APP/Contents/MacOS/naaccord-desktop" --entitlements "$ENTITLEMENTS"
    sign "$APP" --entitlements "$ENTITLEMENTS"
    codesign --verify --deep --strict=symlinks --verbose=2 "$APP"
}

notarise() {  # notarise FILE (a .zip or .dmg): fails unless Apple answers "Accepted"
    local file="$1" result="$WORK/notary.plist" status id
    xcrun notarytool submit "$file" --apple-id "$MACOS_NOTARY_APPLE_ID" \
        --team-id "$MACOS_NOTARY_TEAM_ID" --password "$MACOS_NOTARY_PASSWORD" \
        --wait --timeout 30m --output-format plist > "$result"
    status="$(/usr/libexec/PlistBuddy -c "Print :status" "$result" 2>/dev/null || echo unknown)"
    if [ "$status" != "Accepted" ]; then
        id="$(/usr/libexec/PlistBuddy -c "Print :id" "$result" 2>/dev/null || echo "")"
        echo "Notarisation of $file ended with status '$status'. Apple's log:" >&2
        if [ -n "$id" ]; then
            xcrun notarytool log "$id" --apple-id "$MACOS_NOTARY_APPLE_ID" \
                --team-id "$MACOS_NOTARY_TEAM_ID" --password "$MACOS_NOTARY_PASSWORD" >&2 || true
        fi
        exit 1
    fi
    echo "Notarised: $file"
}

make_dmg() {
    local staging="$WORK/dmg" attempt
    mkdir "$staging"
    ditto "$APP" "$staging/$PRODUCT.app"  # ditto keeps the bundle's symlinks and signatures
    ln -s /Applications "$staging/Applications"
    rm -f "$DMG"
    # hdiutil sometimes fails with "Resource busy" on CI machines: try again.
    for attempt in 1 2 3 4 5; do
        if hdiutil create -volname "$PRODUCT" -srcfolder "$staging" -fs HFS+ -format UDZO "$DMG"; then
            return 0
        fi
        echo "hdiutil failed (attempt $attempt of 5); trying again in 10 s."
        sleep 10
    done
    echo "hdiutil could not create $DMG." >&2
    exit 1
}

self_test_from_dmg() {
    local mount="$WORK/mount"
    mkdir "$mount"
    hdiutil attach "$DMG" -nobrowse -readonly -mountpoint "$mount" >/dev/null
    local status=0
    QT_QPA_PLATFORM=offscreen "$mount/$PRODUCT.app/Contents/MacOS/naaccord-desktop" --self-test \
        || status=$?
    hdiutil detach "$mount" >/dev/null || hdiutil detach -force "$mount" >/dev/null
    return "$status"
}

echo "== 1. certificate"
if [ -n "${MACOS_CERTIFICATE_P12:-}" ] && [ -n "${MACOS_CERTIFICATE_PASSWORD:-}" ]; then
    import_certificate
else
    skip "certificate import: MACOS_CERTIFICATE_P12 and MACOS_CERTIFICATE_PASSWORD are not both set (fine when the identity is in your keychain)."
fi

echo "== 2. codesign"
if [ "$SIGN" = yes ]; then
    sign_app
else
    skip "codesign: MACOS_SIGN_IDENTITY is not set. The app keeps PyInstaller's ad-hoc signature: it runs on this Mac, but other Macs will refuse to open it."
fi

echo "== 3. notarise the app"
if [ "$NOTARISE" = yes ]; then
    ditto -c -k --keepParent "$APP" "$WORK/app.zip"
    notarise "$WORK/app.zip"
    xcrun stapler staple "$APP"
elif [ "$SIGN" = yes ]; then
    skip "notarisation: MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID and MACOS_NOTARY_PASSWORD are not all set. Gatekeeper will warn users about the app."
else
    skip "notarisation: the app is not signed (Apple notarises only signed apps)."
fi

echo "== 4. DMG"
make_dmg
if [ "$SIGN" = yes ]; then
    sign "$DMG"
else
    skip "DMG signature: MACOS_SIGN_IDENTITY is not set."
fi
if [ "$NOTARISE" = yes ]; then
    notarise "$DMG"
    xcrun stapler staple "$DMG"
else
    skip "DMG notarisation (see step 3)."
fi

echo "== 5. verify"
if [ "$SIGN" = yes ]; then
    codesign --verify --deep --strict=symlinks --verbose=2 "$APP"
fi
if [ "$NOTARISE" = yes ]; then
    xcrun stapler validate "$APP"
    xcrun stapler validate "$DMG"
    spctl --assess --type execute --verbose=2 "$APP"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
fi
self_test_from_dmg

echo "DMG: $DMG"
shasum -a 256 "$DMG"
