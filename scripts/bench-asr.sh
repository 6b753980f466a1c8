#!/usr/bin/env bash
# bench-asr.sh BIN MODEL VAD_MODEL AUDIO THREADS BEAM LANG RUNS [FALLBACK]
#
# Runs `newsscribe transcribe` and whisper.cpp's `whisper-cli` on the same
# file with the same model, threads, beam size and language, alternating
# between them RUNS times, with VAD off and on, and prints each side's median
# wall time and the ratio newsscribe / whisper-cli. With VAD on, newsscribe is
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
# time_of CMD... → seconds of wall time, output discarded, failure fatal
time_of() {
  local t0 t1
  t0=$(now)
  if ! "$@" >"$tmp/out.log" 2>&1; then echo "bench-asr: failed: $*"; tail -5 "$tmp/out.log"; exit 1; fi
  t1=$(now)
  awk "BEGIN{printf \"%.3f\", $t1-$t0}"
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

ours_off=() ours_on=() cli_off=() cli_on=()
for r in $(seq "$runs"); do
  ours_off+=("$(time_of "$bin" transcribe --model "$model" --no-vad --threads "$threads" --beam-size "$beam" --language "$lang" "${ours_fb[@]}" -o "$tmp/ours.json" "$audio")")
  cli_off+=("$(time_of "$cli" -m "$model" -f "$audio" -t "$threads" -bs "$beam" -l "$lang" "${cli_fb[@]}" -np -ojf -of "$tmp/cli")")
  ours_on+=("$(time_of "$bin" transcribe --model "$model" --vad --vad-model "$vad" --threads "$threads" --beam-size "$beam" --language "$lang" "${ours_fb[@]}" -o "$tmp/ours.json" "$audio")")
  cli_on+=("$(time_of "$cli" -m "$model" -f "$audio" -t "$threads" -bs "$beam" -l "$lang" "${cli_fb[@]}" -np -ojf -of "$tmp/cli" --vad -vm "$vad")")
  echo "run $r: newsscribe ${ours_off[-1]}s / whisper-cli ${cli_off[-1]}s (VAD off); newsscribe ${ours_on[-1]}s / whisper-cli --vad ${cli_on[-1]}s (VAD on)"
done
mo=$(echo "${ours_off[*]}" | median) mc=$(echo "${cli_off[*]}" | median)
vo=$(echo "${ours_on[*]}" | median) vc=$(echo "${cli_on[*]}" | median)
echo
echo "model $(basename "$model"), audio $(basename "$audio"), threads $threads, beam $beam, language $lang, fallback $fallback, $runs runs (medians)"
awk -v mo="$mo" -v mc="$mc" -v vo="$vo" -v vc="$vc" 'BEGIN{
  printf "VAD off: newsscribe %.2fs  whisper-cli %.2fs  ratio %.3f (target <= 1.05)\n", mo, mc, mo/mc
  printf "VAD on:  newsscribe %.2fs  vs whisper-cli without VAD %.2fs  ratio %.3f (target < 1)\n", vo, mc, vo/mc
  printf "VAD on:  newsscribe %.2fs  vs whisper-cli --vad %.2fs       ratio %.3f\n", vo, vc, vo/vc
}'
