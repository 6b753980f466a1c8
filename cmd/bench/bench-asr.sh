#!/usr/bin/env bash
# bench-asr.sh BIN MODEL VAD_MODEL AUDIO THREADS BEAM LANG RUNS [FALLBACK]
#
# Runs `newsscribe transcribe` and whisper.cpp's `whisper-cli` on the same
# file with the same model, threads, beam size and language, alternating
# between them RUNS times, with VAD off and on, and prints each side's median
# wall time (and CPU time) and the ratio newsscribe / whisper-cli. With VAD on, newsscribe is
# compared both with whisper-cli without VAD and with whisper-cli --vad.
# Both sides compute token timestamps (whisper-cli -ojf), as newsscribe
# always does for its word times. FALLBACK=0 (the default) turns temperature
# fallback off on both sides (newsscribe --no-fallback, whisper-cli -nf): the
# whisper.cpp stub models decode to the token limit in every window and each
# fallback repeats that five more times, which makes a run take many minutes
# without measuring anything more of the pipeline. FALLBACK=1 keeps it.
set -euo pipefail
bin=$1 model=$2 vad=$3 audio=$4 threads=$5 beam=$6 lang=$7 runs=$8 fallback=${9:-0}
ours_fb=() cli_fb=()
if [ "$fallback" = 0 ]; then ours_fb=(--no-fallback); cli_fb=(-nf); fi
cli=${WHISPER_CLI:-whisper-cli}
command -v "$cli" >/dev/null || { echo "bench-asr: $cli not found (it comes with whisper.cpp; set WHISPER_CLI)"; exit 1; }
for f in "$model" "$vad" "$audio"; do [ -f "$f" ] || { echo "bench-asr: $f not found"; exit 1; }; done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
# time_of CMD... → "wall cpu" seconds (cpu = user + system of the command
# and its children), output discarded, failure fatal. CPU time is reported
# too because wall time on a shared machine swings with other load.
time_of() {
  if ! /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >"$tmp/out.log" 2>&1; then echo "bench-asr: failed: $*" >&2; tail -5 "$tmp/out.log" >&2; exit 1; fi
  awk '{printf "%.3f %.3f\n", $1, $2+$3}' "$tmp/time"
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

ours_off=() ours_on=() cli_off=() cli_on=()
ours_off_cpu=() ours_on_cpu=() cli_off_cpu=() cli_on_cpu=()
for r in $(seq "$runs"); do
  read -r w c < <(time_of "$bin" transcribe --model "$model" --no-vad --threads "$threads" --beam-size "$beam" --language "$lang" "${ours_fb[@]}" -o "$tmp/ours.json" "$audio"); ours_off+=("$w"); ours_off_cpu+=("$c")
  read -r w c < <(time_of "$cli" -m "$model" -f "$audio" -t "$threads" -bs "$beam" -l "$lang" "${cli_fb[@]}" -np -ojf -of "$tmp/cli"); cli_off+=("$w"); cli_off_cpu+=("$c")
  read -r w c < <(time_of "$bin" transcribe --model "$model" --vad --vad-model "$vad" --threads "$threads" --beam-size "$beam" --language "$lang" "${ours_fb[@]}" -o "$tmp/ours.json" "$audio"); ours_on+=("$w"); ours_on_cpu+=("$c")
  read -r w c < <(time_of "$cli" -m "$model" -f "$audio" -t "$threads" -bs "$beam" -l "$lang" "${cli_fb[@]}" -np -ojf -of "$tmp/cli" --vad -vm "$vad"); cli_on+=("$w"); cli_on_cpu+=("$c")
  echo "run $r (wall/cpu s): VAD off newsscribe ${ours_off[-1]}/${ours_off_cpu[-1]} whisper-cli ${cli_off[-1]}/${cli_off_cpu[-1]}; VAD on newsscribe ${ours_on[-1]}/${ours_on_cpu[-1]} whisper-cli --vad ${cli_on[-1]}/${cli_on_cpu[-1]}; load $(cut -d' ' -f1 /proc/loadavg)"
done
m() { echo "$*" | median; }
echo
echo "model $(basename "$model"), audio $(basename "$audio"), threads $threads, beam $beam, language $lang, fallback $fallback, $runs runs (medians)"
awk -v mo="$(m "${ours_off[*]}")" -v mc="$(m "${cli_off[*]}")" -v vo="$(m "${ours_on[*]}")" -v vc="$(m "${cli_on[*]}")" \
    -v cmo="$(m "${ours_off_cpu[*]}")" -v cmc="$(m "${cli_off_cpu[*]}")" -v cvo="$(m "${ours_on_cpu[*]}")" -v cvc="$(m "${cli_on_cpu[*]}")" 'BEGIN{
  printf "VAD off: newsscribe %.2fs  whisper-cli %.2fs  wall ratio %.3f (target <= 1.05); cpu %.2fs / %.2fs = %.3f\n", mo, mc, mo/mc, cmo, cmc, cmo/cmc
  printf "VAD on:  newsscribe %.2fs  vs whisper-cli without VAD %.2fs  wall ratio %.3f (target < 1); cpu %.2fs / %.2fs = %.3f\n", vo, mc, vo/mc, cvo, cmc, cvo/cmc
  printf "VAD on:  newsscribe %.2fs  vs whisper-cli --vad %.2fs  wall ratio %.3f; cpu %.2fs / %.2fs = %.3f\n", vo, vc, vo/vc, cvo, cvc, cvo/cvc
}'
