#!/usr/bin/env bash
# bench-clip.sh OUT.wav — synthesise a 2-minute 16 kHz mono Arabic WAV for
# bench-asr: nine espeak-ng news sentences, each followed by 5 s of silence,
# padded or trimmed to exactly 120 s. Needs espeak-ng and sox.
set -euo pipefail
out=${1:?usage: bench-clip.sh OUT.wav}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sentences=(
  "أعلنت الحكومة اليوم عن خطة جديدة لتطوير التعليم في جميع المدارس الحكومية."
  "وقال الوزير في مؤتمر صحفي إن العمل سيبدأ مطلع الشهر المقبل وسيستمر عامين."
  "وأضاف أن الخطة تشمل بناء مئة مدرسة جديدة وتدريب آلاف المعلمين."
  "من جهة أخرى، أكد رئيس الوزراء أن الاقتصاد الوطني حقق نموا ملحوظا هذا العام."
  "وأشار إلى أن معدلات البطالة انخفضت بنسبة ثلاثة في المئة مقارنة بالعام الماضي."
  "وفي الشأن الدولي، استقبل الرئيس وفدا رفيع المستوى لبحث سبل التعاون المشترك."
)
sox -n -r 16000 -c 1 -b 16 "$tmp/pause.wav" trim 0 5
parts=()
for i in 0 1 2 3 4 5 0 1 2; do
  espeak-ng -v ar -s 140 -w "$tmp/raw$i.wav" "${sentences[$i]}"
  sox "$tmp/raw$i.wav" -r 16000 -c 1 -b 16 "$tmp/s$i.wav"
  parts+=("$tmp/s$i.wav" "$tmp/pause.wav")
done
sox "${parts[@]}" "$tmp/all.wav"
len=$(soxi -D "$tmp/all.wav")
mkdir -p "$(dirname "$out")"
if awk "BEGIN{exit !($len < 120)}"; then
  sox "$tmp/all.wav" "$out" pad 0 "$(awk "BEGIN{print 120-$len}")"
else
  sox "$tmp/all.wav" "$out" trim 0 120
fi
echo "wrote $out ($(soxi -D "$out") s)"
