#!/usr/bin/env bash
# Crash torture for the ledger: kills the `ledger` CLI with SIGKILL at random moments and checks that
# the ledger survives.
#
# Each round picks an operation at random -- demo (into a fresh empty folder), import (a prepared
# export into a fresh empty folder), backup (plain or encrypted, of a prepared demo ledger) or restore
# (a prepared good backup, plain or encrypted, over a prepared ledger) -- starts it in the background,
# sleeps a random time between 0 and the operation's typical duration (measured once at the start;
# about 1 round in 10 kills at once, about 1 in 10 only after it has finished), sends `kill -9` to that
# pid and waits for it. Then "the next start" and the checks:
#   1. `ledger info` on the data folder succeeds. It always must: when the kill came before the ledger
#      file existed, info creates an empty ledger (counted as "empty"), and an error is a failure.
#   2. All or nothing: after demo or import the ledger is either empty or holds exactly the counts of
#      an unkilled run; after backup it still holds the demo's counts; after restore it holds exactly
#      the old ledger's counts or the backup's. An operation that was not killed must have exited 0 and
#      left the full result. A safety copy (*.before-restore-*.bak) that passes `ledger verify` must
#      hold the old ledger's counts; one that does not pass is reported as a note after a kill and is a
#      failure after a completed restore.
#   3. Integrity: a fresh plain backup of the data folder (the backup command runs SQLite's integrity
#      check) must succeed and pass `ledger verify` with the expected counts. Every CHECK_EVERY rounds
#      (default: every round; it is cheap), always in the last round and in every backup round.
#   4. No leftovers after the next start: after `info`, the data folder and its backups/ hold nothing
#      but the ledger (and its -wal, -shm, .lock), safety copies *.before-restore-*.bak and backups --
#      no .snapshot-* (nor its -wal/-shm), .restore-*, *.restoring, nor a -journal beside a safety copy.
#      A safety copy that passes verify with a hot -journal beside it is also reported as such (SQLite
#      rolls such a file back to empty when it opens it). After a backup round's check backup into the
#      same target folder, no .partial file is left there, and every file there under a final name
#      (branch-ledger-*.sqlite3 / .age) passes `ledger verify` with the demo's counts (one without its
#      .sha256 is a note). Every ledger command of a round runs with TMPDIR set to the round's own
#      folder, which must be empty at the end: nothing ever removes what a killed process leaves in
#      the system's temporary folder (e.g. a decrypted copy of an encrypted backup).
#      Leftovers are removed at start-up only when older than the starting process; one that is still
#      there after info is retried once after `sleep 1` and, if it is gone then, counted as a
#      "timestamp linger" note rather than a failure.
#
# Usage: scripts/torture.sh [N]         N rounds (default $N, else 20)
#   LEDGER_BIN   the binary (default: target/debug/ledger of the repo; a relative path is taken from
#                the current folder); copied once into the work folder, so a rebuild during the run
#                does not change it
#   SEED         seed for the choice of operations and delays (printed; timing itself is not
#                reproducible)
#   CHECK_EVERY  run check 3 every K rounds (default 1)
#   TMP_LEFTOVERS=warn   report files left in TMPDIR as notes instead of failures
#   BIG=1        also restore over a big ledger (`grow-ledger --scale 2`, from `cargo build -p ledger-tools`,
#                found beside the ledger binary or at $GROW_BIN; ~47 MB): the safety copy then takes
#                long enough for kills to land in it (adds ~10 s of setup and ~1 s a restore round)
#   STOP_ON_FAIL=1       stop after the first failed round
#   QUIET=1      a dot per round instead of a line
#   KEEP=1       keep the work folder even when everything passed
#   TORTURE_TMP  where to make the work folder (default ${TMPDIR:-/tmp})
#
# The test command runs a small N (the default 20, under a minute with a debug build); the long run is
#   N=1000 scripts/torture.sh
# Exits non-zero on any failure, printing the round's details and keeping its folder (and the
# prepared ledgers beside it); on success or Ctrl-C the work folder is removed. Everything happens in
# the work folder: `verify` gets a scratch --data-dir of its own, and BRANCH_LEDGER_DATA_DIR points
# there too, so the user's own ledger is never touched.
# Does not run cargo; needs bash 4+, coreutils and find (Linux: it reads /proc to make sure it only
# ever kills its own child).

set -euo pipefail
export LC_ALL=C

CALLER=$PWD
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=${LEDGER_BIN:-$ROOT/target/debug/ledger}
[[ $BIN == /* ]] || BIN=$CALLER/$BIN
GROW=${GROW_BIN:-$(dirname "$BIN")/grow-ledger}
[[ $GROW == /* ]] || GROW=$CALLER/$GROW
WORK_PARENT=${TORTURE_TMP:-${TMPDIR:-/tmp}}
[[ $WORK_PARENT == /* ]] || WORK_PARENT=$CALLER/$WORK_PARENT
N=${1:-${N:-20}}
CHECK_EVERY=${CHECK_EVERY:-1}
TMP_LEFTOVERS=${TMP_LEFTOVERS:-fail}
STOP_ON_FAIL=${STOP_ON_FAIL:-0}
BIG=${BIG:-0}
QUIET=${QUIET:-0}
KEEP=${KEEP:-0}
if [[ -z ${SEED:-} ]]; then
    SEED=$(((RANDOM << 15 | RANDOM) ^ $$))
fi
RANDOM=$SEED

if ! [[ $N =~ ^[0-9]+$ && $N -ge 1 ]]; then
    echo "usage: scripts/torture.sh [N]   (N rounds, a positive number)" >&2
    exit 2
fi
if ! [[ $CHECK_EVERY =~ ^[0-9]+$ && $CHECK_EVERY -ge 1 ]]; then
    echo "CHECK_EVERY must be a positive number" >&2
    exit 2
fi
if [[ ! -x $BIN ]]; then
    echo "no ledger binary at $BIN (build it, or set LEDGER_BIN)" >&2
    exit 2
fi

W=$(mktemp -d "$WORK_PARENT/ledger-torture.XXXXXX")
LEDGER=$W/ledger
cp "$BIN" "$LEDGER"
REF=$W/ref
PASS=$REF/passphrase
mkdir -p "$REF" "$W/tmp"
printf 'correct horse battery staple\n' >"$PASS"

FAILED_ROUNDS=0
CHILD=
RUN_TMP=$W/tmp
VSCRATCH=$W/verify-scratch
# Never the user's own ledger, whatever a command does without --data-dir.
export BRANCH_LEDGER_DATA_DIR=$W/default-data-dir

cleanup() {
    local rc=$?
    if [[ -n $CHILD ]]; then
        kill_child "$CHILD"
        wait "$CHILD" 2>/dev/null || true
    fi
    # Kept after a failure or a setup error; removed after success or an interruption (130).
    if [[ ($rc -eq 0 || $rc -eq 130) && $FAILED_ROUNDS -eq 0 && $KEEP != 1 ]]; then
        rm -rf "$W"
    else
        echo "work folder kept: $W" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_us() {
    local t=${EPOCHREALTIME:-}
    if [[ -n $t ]]; then
        t=${t//[.,]/}
        echo "$((10#$t))"
    else
        date +%s%6N
    fi
}

# A random number in [0, n), into RND (no subshell: a subshell would not advance the seeded RANDOM).
RND=0
rnd() {
    RND=$((((RANDOM << 15) | RANDOM) % $1))
}

# The ledger CLI, in English, with the current round's TMPDIR.
L() {
    TMPDIR=$RUN_TMP "$LEDGER" --lang en "$@"
}

# `ledger verify`, with a scratch data folder of its own (a verify may decrypt into the data folder).
V() {
    L --data-dir "$VSCRATCH" verify "$@"
}

# SIGKILL to pid, but only while it is still our own unreaped, running child (so that a pid the
# system has reused since is never hit).
kill_child() {
    local pid=$1 stat rest state ppid
    [[ -r /proc/$pid/stat ]] || return 0
    read -r stat <"/proc/$pid/stat" 2>/dev/null || return 0
    rest=${stat##*) }
    state=${rest%% *}
    rest=${rest#* }
    ppid=${rest%% *}
    if [[ $ppid == "$BASHPID" && $state != Z ]]; then
        kill -9 "$pid" 2>/dev/null || true
    fi
}

# The counts of `info --json` (in file $1) as one line: table=live/trashed ...
counts_of_json() {
    awk -F'"' '
        /"table":/ { t = $4 }
        /"live":/ { v = $3; gsub(/[^0-9]/, "", v); l = v }
        /"trashed":/ { v = $3; gsub(/[^0-9]/, "", v); printf "%s=%s/%s ", t, l, v; n++ }
        END { if (n == 0) exit 1 }' "$1"
}

# The count lines of `ledger verify` output (file $1: "  label   N") as one line.
counts_of_verify() {
    grep -E '^  [^:]*[^0-9: ] +[0-9]+$' "$1" | tr -s ' ' | tr '\n' ';' || true
}

# What is in data folder $1 (and its backups/) after the next start besides the ledger, its -wal,
# -shm and .lock, safety copies (*.before-restore-*.bak, checked apart) and backups: leftovers such as
# .snapshot-*, .restore-*, *.restoring, and anything else (e.g. a -journal beside a safety copy), into
# the array LEFT.
LEFT=()
list_leftovers() {
    local g name
    LEFT=()
    for g in "$1"/* "$1"/.[!.]* "$1"/backups/* "$1"/backups/.[!.]*; do
        [[ -e $g ]] || continue
        name=${g#"$1"/}
        case $name in
            ledger.sqlite3 | ledger.sqlite3-wal | ledger.sqlite3-shm | ledger.sqlite3.lock | backups) ;;
            ledger.sqlite3.before-restore-*.bak) ;;
            backups/branch-ledger-*.sqlite3 | backups/branch-ledger-*.age | backups/branch-ledger-*.sha256) ;;
            *) LEFT+=("$g") ;;
        esac
    done
}

# Setup failures: not a round, the whole run stops.
die() {
    echo "setup failed: $*" >&2
    exit 1
}

# Runs a command, puts its duration in milliseconds into DUR.
DUR=0
timed() {
    local t0 t1
    t0=$(now_us)
    "$@" || return $?
    t1=$(now_us)
    DUR=$(((t1 - t0 + 999) / 1000))
}

# Copies the ledger file (and its WAL, if any) of folder $1 into new folder $2.
copy_ledger() {
    mkdir -p "$2"
    cp "$1/ledger.sqlite3" "$2/"
    if [[ -e $1/ledger.sqlite3-wal ]]; then cp "$1/ledger.sqlite3-wal" "$2/"; fi
}

# The newest backup of a kind (sqlite3 or age) in folder $1.
newest_backup() {
    local f last=
    for f in "$1"/branch-ledger-*."$2"; do
        if [[ -e $f ]]; then last=$f; fi
    done
    [[ -n $last ]] || die "no .$2 backup in $1"
    echo "$last"
}

started_us=$(now_us)
echo "torture: $N rounds, seed $SEED, binary $BIN"
echo "work folder $W; measuring typical durations..."

# --- Prepared ledgers and files, and each operation's typical duration (an unkilled run) ---
declare -A TYP SIG VSIG

timed L --data-dir "$REF/demo" demo >"$REF/demo.out" 2>&1 || die "demo: $(cat "$REF/demo.out")"
TYP[demo]=$DUR
L --data-dir "$REF/demo" export -o "$REF/export.json" >"$REF/export.out" 2>&1 ||
    die "export: $(cat "$REF/export.out")"
timed L --data-dir "$REF/import" import "$REF/export.json" >"$REF/import.out" 2>&1 ||
    die "import: $(cat "$REF/import.out")"
TYP[import]=$DUR
L --data-dir "$REF/empty" info >/dev/null 2>&1 || die "info on an empty folder"

timed L --data-dir "$REF/demo" backup --to "$REF/bk-demo" >/dev/null 2>"$REF/err" ||
    die "backup: $(cat "$REF/err")"
TYP[backup-plain]=$DUR
timed L --data-dir "$REF/demo" backup --to "$REF/bk-demo" --passphrase-file "$PASS" >/dev/null 2>"$REF/err" ||
    die "encrypted backup: $(cat "$REF/err")"
TYP[backup-enc]=$DUR
L --data-dir "$REF/empty" backup --to "$REF/bk-empty" >/dev/null 2>"$REF/err" || die "backup: $(cat "$REF/err")"
L --data-dir "$REF/empty" backup --to "$REF/bk-empty" --passphrase-file "$PASS" >/dev/null 2>"$REF/err" ||
    die "encrypted backup: $(cat "$REF/err")"
L --data-dir "$REF/import" backup --to "$REF/bk-import" >/dev/null 2>"$REF/err" || die "backup: $(cat "$REF/err")"

declare -A BK
for s in demo empty; do
    BK[$s-plain]=$(newest_backup "$REF/bk-$s" sqlite3)
    BK[$s-enc]=$(newest_backup "$REF/bk-$s" age)
done

# Reference counts: of info (SIG) and of verify (VSIG), for each state a ledger may be in.
for s in demo import empty; do
    L --data-dir "$REF/$s" info --json >"$REF/$s.json" 2>"$REF/err" || die "info: $(cat "$REF/err")"
    SIG[$s]=$(counts_of_json "$REF/$s.json") || die "cannot read the counts of info --json"
    V "$(newest_backup "$REF/bk-$s" sqlite3)" >"$REF/$s.verify" 2>&1 || die "verify: $(cat "$REF/$s.verify")"
    VSIG[$s]=$(counts_of_verify "$REF/$s.verify")
    [[ -n ${VSIG[$s]} ]] || die "cannot read the counts of ledger verify"
done
[[ ${SIG[demo]} != "${SIG[empty]}" ]] || die "the demo ledger counts as empty"
[[ ${SIG[import]} != "${SIG[empty]}" ]] || die "the imported ledger counts as empty"
V "${BK[demo-enc]}" --passphrase-file "$PASS" >"$REF/err" 2>&1 || die "verify: $(cat "$REF/err")"

copy_ledger "$REF/empty" "$REF/rt1"
timed L --data-dir "$REF/rt1" restore --yes "${BK[demo-plain]}" >/dev/null 2>"$REF/err" ||
    die "restore: $(cat "$REF/err")"
TYP[restore-plain]=$DUR
copy_ledger "$REF/empty" "$REF/rt2"
timed L --data-dir "$REF/rt2" restore --yes "${BK[demo-enc]}" --passphrase-file "$PASS" >/dev/null 2>"$REF/err" ||
    die "encrypted restore: $(cat "$REF/err")"
TYP[restore-enc]=$DUR
rm -rf "$REF/rt1" "$REF/rt2"
STATES=(empty demo import)
if [[ $BIG == 1 ]]; then
    "$GROW" --data-dir "$REF/big" --scale 2 >"$REF/big.out" 2>&1 || die "grow-ledger --scale 2: $(cat "$REF/big.out")"
    L --data-dir "$REF/big" backup --to "$REF/bk-big" >/dev/null 2>"$REF/err" || die "backup: $(cat "$REF/err")"
    L --data-dir "$REF/big" info --json >"$REF/big.json" 2>"$REF/err" || die "info: $(cat "$REF/err")"
    SIG[big]=$(counts_of_json "$REF/big.json") || die "cannot read the counts of info --json"
    V "$(newest_backup "$REF/bk-big" sqlite3)" >"$REF/big.verify" 2>&1 || die "verify: $(cat "$REF/big.verify")"
    VSIG[big]=$(counts_of_verify "$REF/big.verify")
    STATES+=(big)
    for v in plain enc; do
        copy_ledger "$REF/big" "$REF/rt"
        passopt=()
        if [[ $v == enc ]]; then passopt=(--passphrase-file "$PASS"); fi
        timed L --data-dir "$REF/rt" restore --yes "${BK[demo-$v]}" ${passopt[@]+"${passopt[@]}"} >/dev/null 2>"$REF/err" ||
            die "restore over the big ledger: $(cat "$REF/err")"
        TYP[restore-$v-big]=$DUR
        rm -rf "$REF/rt"
    done
fi
if [[ -n $(find "$W/tmp" -mindepth 1 -print -quit) ]]; then
    die "unkilled commands left files in TMPDIR: $(ls -A "$W/tmp")"
fi

line=""
for k in demo import backup-plain backup-enc restore-plain restore-enc restore-plain-big restore-enc-big; do
    if [[ -n ${TYP[$k]:-} ]]; then line+=" $k ${TYP[$k]}ms"; fi
done
echo "typical durations:$line"

# --- Rounds ---
declare -A ROUNDS OUTCOME
BIG_ROUNDS=0 KILLED=0 KILLED_AT0=0 COMPLETED=0 PLANNED_AFTER=0 NO_FILE=0 REMOVED_LEFTOVERS=0
LINGER=0 BAD_SAFETY=0 NO_SHA=0 TMP_WARN=0 CHECKS=0
NOTES=()

round() {
    local i=$1
    local R=$W/round-$i
    local D=$R/data
    local op kind variant typ mode delay_ms pid rc what old="" new="" target="" f sig state outcome=""
    local -a fails=() notes=() passopt=()
    mkdir -p "$R/tmp"
    RUN_TMP=$R/tmp
    VSCRATCH=$R/verify-scratch

    rnd 4
    case $RND in
        0) op=demo ;;
        1) op=import ;;
        2) op=backup ;;
        *) op=restore ;;
    esac
    variant=""
    if [[ $op == backup || $op == restore ]]; then
        rnd 2
        if ((RND == 0)); then variant=plain; else variant=enc; fi
    fi
    kind=$op${variant:+-$variant}
    if [[ $variant == enc ]]; then passopt=(--passphrase-file "$PASS"); fi

    # The command of this round.
    local -a cmd
    case $op in
        demo) cmd=(--data-dir "$D" demo) ;;
        import) cmd=(--data-dir "$D" import "$REF/export.json") ;;
        backup)
            copy_ledger "$REF/demo" "$D"
            target=$R/target
            cmd=(--data-dir "$D" backup --to "$target" ${passopt[@]+"${passopt[@]}"})
            ;;
        restore)
            rnd $((BIG == 1 ? 3 : 2))
            case $RND in
                0) old=demo new=empty ;;
                1) old=empty new=demo ;;
                *)
                    rnd 2
                    old=big new=${STATES[RND]}
                    BIG_ROUNDS=$((BIG_ROUNDS + 1))
                    ;;
            esac
            copy_ledger "$REF/$old" "$D"
            cmd=(--data-dir "$D" restore --yes "${BK[$new-$variant]}" ${passopt[@]+"${passopt[@]}"})
            ;;
    esac

    local tkey=$kind
    if [[ $old == big ]]; then tkey+=-big; fi
    typ=${TYP[$tkey]}

    # When to kill: at once, after the end, or anywhere in between.
    rnd 10
    case $RND in
        0) mode=at0 delay_ms=0 ;;
        1) mode=after delay_ms=$((typ * 3 / 2 + 100)) ;;
        *)
            rnd $((typ + 1))
            mode=during delay_ms=$RND
            ;;
    esac
    if [[ $mode == after ]]; then PLANNED_AFTER=$((PLANNED_AFTER + 1)); fi

    # Started directly (not through a function, which would fork a subshell): $! is the ledger itself.
    TMPDIR=$RUN_TMP "$LEDGER" --lang en "${cmd[@]}" >"$R/op.out" 2>"$R/op.err" &
    pid=$!
    CHILD=$pid
    if ((delay_ms > 0)); then
        local frac
        printf -v frac '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000))
        sleep "$frac"
    fi
    kill_child "$pid"
    rc=0
    wait "$pid" 2>/dev/null || rc=$?
    CHILD=
    ROUNDS[$kind]=$((${ROUNDS[$kind]:-0} + 1))
    case $rc in
        137)
            what=killed
            KILLED=$((KILLED + 1))
            if [[ $mode == at0 ]]; then KILLED_AT0=$((KILLED_AT0 + 1)); fi
            ;;
        0)
            what=completed
            COMPLETED=$((COMPLETED + 1))
            ;;
        *)
            what="exit $rc"
            fails+=("the operation exited $rc without being killed: $(tail -n 3 "$R/op.err" 2>/dev/null | tr '\n' ' ')")
            ;;
    esac
    if [[ ($op == demo || $op == import) && ! -e $D/ledger.sqlite3 ]]; then
        NO_FILE=$((NO_FILE + 1))
    fi

    # 1. The next start.
    local t_info
    t_info=$(now_us)
    sig=""
    if L --data-dir "$D" info --json >"$R/info.json" 2>"$R/info.err"; then
        sig=$(counts_of_json "$R/info.json") || fails+=("cannot read the counts of info --json")
    else
        fails+=("ledger info failed: $(tr '\n' ' ' <"$R/info.err")")
    fi
    REMOVED_LEFTOVERS=$((REMOVED_LEFTOVERS + $(grep -c 'removed a leftover' "$R/info.err" || true)))

    # 4a. What the next start must have removed.
    list_leftovers "$D"
    if ((${#LEFT[@]} > 0)); then
        local detail="" m
        for f in "${LEFT[@]}"; do
            m=$(stat -c %.9Y "$f" 2>/dev/null || echo '?')
            detail+=" ${f#"$R"/} (mtime $m, info started ${t_info:0:-6}.${t_info: -6})"
        done
        sleep 1
        L --data-dir "$D" info >/dev/null 2>>"$R/info.err" || fails+=("the second ledger info failed")
        list_leftovers "$D"
        if ((${#LEFT[@]} > 0)); then
            fails+=("left after the next start (and after another one 1 s later):$detail")
        else
            LINGER=$((LINGER + 1))
            notes+=("timestamp linger, gone at the following start:$detail")
        fi
    fi

    # 2. All or nothing. (The demo and its export, imported, have the same counts: a state is looked up
    # among the allowed ones first.)
    state=""
    if [[ -n $sig ]]; then
        local -a allowed
        case $op in
            demo) allowed=(empty demo) ;;
            import) allowed=(empty import) ;;
            backup) allowed=(demo) ;;
            restore) allowed=("$old" "$new") ;;
        esac
        if [[ $what == completed ]]; then allowed=("${allowed[-1]}"); fi
        for s in "${allowed[@]}" "${STATES[@]}"; do
            if [[ -z $state && $sig == "${SIG[$s]}" ]]; then state=$s; fi
        done
        local ok=0
        for s in "${allowed[@]}"; do
            if [[ $state == "$s" ]]; then ok=1; fi
        done
        if ((ok == 0)); then
            fails+=("after $what $kind the ledger holds ${state:-something else}, expected ${allowed[*]}: $sig")
        fi
        outcome=${state:-partial}
        if [[ $op == restore ]]; then
            if [[ $state == "$old" ]]; then outcome=old; elif [[ $state == "$new" ]]; then outcome=new; fi
        elif [[ $state == demo || $state == import ]]; then
            outcome=full
        fi
        OUTCOME[$op $outcome]=$((${OUTCOME[$op $outcome]:-0} + 1))
    fi

    # 2b. Safety copies a restore left.
    if [[ $op == restore ]]; then
        for f in "$D"/ledger.sqlite3.before-restore-*.bak; do
            [[ -e $f ]] || continue
            if V "$f" >"$R/safety.verify" 2>&1; then
                if [[ $(counts_of_verify "$R/safety.verify") != "${VSIG[$old]}" ]]; then
                    fails+=("the safety copy ${f##*/} passes verify but does not hold the old ledger ($old)")
                fi
                if [[ -s $f-journal ]]; then
                    fails+=("the safety copy ${f##*/} passes verify, but SQLite rolls it back to an empty file when it is opened: a hot ${f##*/}-journal is beside it")
                fi
            elif [[ $what == completed ]]; then
                fails+=("the safety copy of a completed restore fails verify: $(tail -n 1 "$R/safety.verify")")
            else
                BAD_SAFETY=$((BAD_SAFETY + 1))
                notes+=("unusable safety copy left by the kill: ${f##*/} ($(stat -c %s "$f") bytes): $(tail -n 1 "$R/safety.verify")")
            fi
        done
    fi

    # 3. Integrity: a fresh backup of the data folder (into the killed backup's own target in a
    # backup round), and verify it.
    if [[ $op == backup || $((i % CHECK_EVERY)) -eq 0 || $i -eq $N ]] && [[ -n $sig ]]; then
        CHECKS=$((CHECKS + 1))
        local to=${target:-$R/check} made
        if L --data-dir "$D" backup --to "$to" >"$R/check.out" 2>"$R/check.err"; then
            made=$(tail -n 1 "$R/check.out")
            if V "$made" >"$R/check.verify" 2>&1; then
                if [[ -n $state && $(counts_of_verify "$R/check.verify") != "${VSIG[$state]}" ]]; then
                    fails+=("the check backup does not hold what info counted ($state)")
                fi
            else
                fails+=("the check backup fails verify: $(tail -n 2 "$R/check.verify" | tr '\n' ' ')")
            fi
        else
            fails+=("the check backup failed: $(tr '\n' ' ' <"$R/check.err")")
        fi
    fi

    # 4b. The killed backup's target, after the next backup into it.
    if [[ $op == backup ]]; then
        for f in "$target"/.*.partial; do
            if [[ -e $f ]]; then fails+=("left in the target after the next backup: ${f##*/}"); fi
        done
        for f in "$target"/branch-ledger-*.sqlite3 "$target"/branch-ledger-*.age; do
            [[ -e $f ]] || continue
            local -a vp=()
            if [[ $f == *.age ]]; then vp=(--passphrase-file "$PASS"); fi
            if V "$f" ${vp[@]+"${vp[@]}"} >"$R/target.verify" 2>&1; then
                if [[ $(counts_of_verify "$R/target.verify") != "${VSIG[demo]}" ]]; then
                    fails+=("${f##*/} passes verify but does not hold the demo's counts")
                fi
            else
                fails+=("${f##*/} has a final name but fails verify: $(tail -n 1 "$R/target.verify")")
            fi
            if [[ ! -e $f.sha256 ]]; then
                NO_SHA=$((NO_SHA + 1))
                notes+=("${f##*/} has a final name but no .sha256 beside it")
            fi
        done
    fi

    # 4c. The system's temporary folder (this round's TMPDIR).
    if [[ -n $(find "$R/tmp" -mindepth 1 -print -quit) ]]; then
        local found
        found=$(cd "$R/tmp" && find . -mindepth 1 -printf '%P (%s bytes) ' | head -c 300)
        if [[ $TMP_LEFTOVERS == warn ]]; then
            TMP_WARN=$((TMP_WARN + 1))
            notes+=("left in TMPDIR by the killed $kind: $found")
        else
            fails+=("left in TMPDIR by the killed $kind (nothing ever removes it): $found")
        fi
    fi

    # Report.
    local msg
    printf -v msg '%4d %-13s kill %-6s %5d/%dms %-9s -> %s' "$i" "$kind" "$mode" "$delay_ms" "$typ" \
        "$what" "${outcome:-?}"
    for f in ${notes[@]+"${notes[@]}"}; do NOTES+=("round $i: $f"); done
    if ((${#fails[@]} > 0)); then
        FAILED_ROUNDS=$((FAILED_ROUNDS + 1))
        if [[ $QUIET == 1 ]]; then echo; fi
        echo "$msg  FAILED"
        echo "  command: ledger --lang en ${cmd[*]}"
        for f in "${fails[@]}"; do echo "  - $f"; done
        for f in ${notes[@]+"${notes[@]}"}; do echo "  note: $f"; done
        if [[ -s $R/op.err ]]; then echo "  op stderr: $(tail -n 3 "$R/op.err" | tr '\n' ' ')"; fi
        echo "  data folder:"
        (cd "$R" && find . -path ./tmp -prune -o -type f -printf '    %P %s bytes\n' | sort)
        echo "  kept: $R"
        if [[ $STOP_ON_FAIL == 1 ]]; then return 1; fi
    else
        if [[ $QUIET == 1 ]]; then
            printf '.'
        else
            if ((${#notes[@]} > 0)); then msg+="  (note)"; fi
            echo "$msg"
        fi
        rm -rf "$R"
    fi
    return 0
}

stopped=0
for ((i = 1; i <= N; i++)); do
    if ! round "$i"; then
        stopped=1
        break
    fi
done
if [[ $QUIET == 1 ]]; then echo; fi

elapsed=$((($(now_us) - started_us) / 1000000))
echo
echo "=== summary (seed $SEED, $elapsed s) ==="
done_rounds=$N
if ((stopped)); then done_rounds=$i; fi
line="rounds: $done_rounds ="
for k in demo import backup-plain backup-enc restore-plain restore-enc; do
    line+=" $k ${ROUNDS[$k]:-0},"
done
line=${line%,}
if [[ $BIG == 1 ]]; then line+=" (restores over the big ledger: $BIG_ROUNDS)"; fi
echo "$line"
echo "kills: $KILLED before completion ($KILLED_AT0 of them at once), $COMPLETED after completion" \
    "($PLANNED_AFTER planned after the typical duration)"
line="outcomes:"
for k in "demo empty" "demo full" "import empty" "import full" "backup full" "restore old" "restore new"; do
    line+=" $k ${OUTCOME[$k]:-0},"
done
echo "${line%,}"
echo "demo/import killed before the ledger file existed: $NO_FILE; leftovers removed by the next start:" \
    "$REMOVED_LEFTOVERS; integrity checks: $CHECKS"
echo "notes: timestamp lingers $LINGER, unusable safety copies $BAD_SAFETY, final-named backups without" \
    ".sha256 $NO_SHA, TMPDIR leftovers (warn) $TMP_WARN"
for n in ${NOTES[@]+"${NOTES[@]}"}; do echo "  $n"; done
echo "failures: $FAILED_ROUNDS"
if ((FAILED_ROUNDS > 0)); then exit 1; fi
