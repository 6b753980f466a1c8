// Command searchbench measures the archive search of issue 14 on a generated
// archive: N one-hour transcripts (≈ 9,000 words each, so 1,000 of them are
// ≈ 9 M words) go through the product's path (jobs, transcripts,
// store.IndexJob), then single words and 3-word phrases are searched and the
// latency percentiles, the build time and the index size are printed, and
// spelling variants (hamza, ة/ه, ى/ي, tashkeel, tatweel, digits and number
// words) are checked to find exactly what the canonical spelling finds.
//
//	go run ./store/internal/searchbench -db sqlite -n 1000
//	go run ./store/internal/searchbench -db "$NEWSSCRIBE_TEST_POSTGRES" -n 1000
//
// The machine may be shared: times are wall-clock and include other load.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

func main() {
	db := flag.String("db", "sqlite", `"sqlite" (a file in -dir) or a postgres:// URL (a fresh schema, dropped at the end)`)
	dir := flag.String("dir", "", "directory for the SQLite file and blobs (default: a temporary one, removed)")
	n := flag.Int("n", 1000, "number of one-hour transcripts")
	queries := flag.Int("queries", 300, "queries of each kind")
	flag.Parse()
	if err := run(context.Background(), *db, *dir, *n, *queries); err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		os.Exit(1)
	}
}

// vocabulary: words of an Arabic news register, with hamza, ة, ى and
// clitics, and number words, so that the spelling variants are exercised.
var vocabulary = strings.Fields(`الرئيس الحكومة الوزير المؤتمر الأمن الاقتصاد الانتخابات البرلمان المواطنين المحافظات
	الخدمات التعليم الصحة الميزانية الشركة المشروع العاصمة الطريق المستشفى الجامعة الأسعار النفط الكهرباء المياه
	إن أن قال أعلن أكد أضاف أشار أوضح تحدث صرح يوم اليوم أمس غدا العام الماضي المقبل الأولى الثانية الثالثة
	مسؤول مسؤولية رئاسة وزارة هيئة لجنة مجلس قرار قانون دستور حرية عدالة مساواة تنمية استثمار مشاريع
	في من إلى على عن مع بين حول خلال بعد قبل منذ حتى لدى عند كل بعض جميع هذا هذه ذلك تلك الذي التي الذين
	مستشفى مصطفى موسى عيسى يحيى سلمى ليلى هدى منى مبنى معنى مستوى ملتقى فتاوى دعاوى
	سؤال مسائل رئيس رؤساء شؤون هيئات مؤسسة مؤسسات قراءة إنشاء إجراءات أسئلة مبادئ
	واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عشرون ثلاثون أربعون خمسون مائة ألف مليون
	بالأمن والحكومة للمواطنين فالوزير وبالمشروع كالعادة`)

func run(ctx context.Context, dbArg, dir string, n, nq int) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "searchbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	blobs, err := store.NewBlobs(filepath.Join(dir, "blobs"))
	if err != nil {
		return err
	}
	db, dialect, size, closeDB, err := openDB(ctx, dbArg, dir)
	if err != nil {
		return err
	}
	defer closeDB()
	st := store.New(db, dialect, blobs)
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(14, 2026))
	zipf := rand.NewZipf(rng, 1.1, 4, uint64(len(vocabulary)-1))
	ix, err := index(ctx, st, n, rng, zipf)
	if err != nil {
		return err
	}
	if dialect == store.Postgres {
		db.ExecContext(ctx, `ANALYZE ns_search_docs`)
	}
	bytes, err := size()
	if err != nil {
		fmt.Fprintln(os.Stderr, "index size unavailable:", err)
	}
	fmt.Printf("backend %s: %d recordings, %d words, %d segments\n", dialect, n, ix.words, ix.segments)
	fmt.Printf("index build (store.IndexJob): %.1f s (%.1f ms per one-hour recording); index size %.1f MiB\n",
		ix.took.Seconds(), ix.took.Seconds()*1000/float64(n), float64(bytes)/(1<<20))
	if err := measureQueries(ctx, st, rng, ix.phrases, nq); err != nil {
		return err
	}
	return checkVariants(ctx, st)
}

// openDB opens the benchmark's database: SQLite in dir, or a fresh schema
// in the PostgreSQL database dbArg (dropped by closeAll). size reports the
// search index's bytes.
func openDB(ctx context.Context, dbArg, dir string) (db *sql.DB, dialect store.Dialect, size func() (int64, error), closeAll func(), err error) {
	dialect = store.SQLite
	closers := []func(){}
	closeAll = func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	if dbArg == "sqlite" {
		path := filepath.Join(dir, "bench.db")
		db, err = sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)")
		if err != nil {
			return nil, "", nil, nil, err
		}
		db.SetMaxOpenConns(1)
		size = func() (int64, error) {
			var b int64
			err := db.QueryRowContext(ctx, `SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'ns_search%'`).Scan(&b)
			return b, err
		}
	} else {
		dialect = store.Postgres
		schema := fmt.Sprintf("searchbench_%d", time.Now().UnixNano())
		admin, err := sql.Open("pgx", dbArg)
		if err != nil {
			return nil, "", nil, nil, err
		}
		if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
			admin.Close()
			return nil, "", nil, nil, err
		}
		closers = append(closers, func() {
			admin.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
			admin.Close()
		})
		sep := "?"
		if strings.Contains(dbArg, "?") {
			sep = "&"
		}
		db, err = sql.Open("pgx", dbArg+sep+"search_path="+schema)
		if err != nil {
			closeAll()
			return nil, "", nil, nil, err
		}
		size = func() (int64, error) {
			var b int64
			err := db.QueryRowContext(ctx, `SELECT pg_total_relation_size('ns_search_docs')`).Scan(&b)
			return b, err
		}
	}
	_ = stdlib.GetDefaultDriver
	return db, dialect, size, func() { db.Close(); closeAll() }, nil
}

// indexed is what index built: phrases to search for (three words of every
// tenth recording) and the corpus' size.
type indexed struct {
	phrases         [][]string
	words, segments int
	took            time.Duration // in store.IndexJob alone
}

// index stores and indexes n generated one-hour recordings as done jobs.
func index(ctx context.Context, st *store.Store, n int, rng *rand.Rand, zipf *rand.Zipf) (indexed, error) {
	var (
		out       indexed
		phrases   [][]string
		words     int
		segments  int
		indexTime time.Duration
	)
	began := time.Now()
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		t := oneHour(rng, zipf)
		for _, s := range t.Segments {
			words += len(s.Words)
		}
		segments += len(t.Segments)
		if i%10 == 0 {
			s := t.Segments[rng.IntN(len(t.Segments))]
			k := rng.IntN(len(s.Words) - 3)
			phrases = append(phrases, []string{s.Words[k].Word, s.Words[k+1].Word, s.Words[k+2].Word})
		}
		j := &store.Job{ID: store.NewID("tr_"), AudioSHA256: "", Filename: fmt.Sprintf("recording-%04d.wav", i), Model: "bench",
			Language: "ar", ASRKey: store.ASRKey(fmt.Sprint(i), "bench", "ar", ""), CreatedAt: base.Add(time.Duration(i) * time.Hour)}
		j.DedupKey = store.DedupKey(j.ASRKey, "", "")
		if err := st.PutTranscript(ctx, j.ASRKey, t); err != nil {
			return out, err
		}
		if err := st.CreateJob(ctx, j); err != nil {
			return out, err
		}
		if _, err := st.StartJob(ctx, j.ID); err != nil {
			return out, err
		}
		if err := st.FinishJob(ctx, j.ID, t.Duration, 0); err != nil {
			return out, err
		}
		t0 := time.Now()
		if err := st.IndexJob(ctx, j.ID); err != nil {
			return out, err
		}
		indexTime += time.Since(t0)
		if (i+1)%100 == 0 {
			fmt.Fprintf(os.Stderr, "%d/%d recordings indexed (%s)\n", i+1, n, time.Since(began).Round(time.Second))
		}
	}
	out = indexed{phrases: phrases, words: words, segments: segments, took: indexTime}
	return out, nil
}

// measure runs the queries qs and prints their latency percentiles and how
// many found something.
func measure(ctx context.Context, st *store.Store, name string, qs []string) error {
	var lat []time.Duration
	hits := 0
	for _, q := range qs {
		t0 := time.Now()
		h, _, err := st.Search(ctx, store.SearchParams{Query: store.ParseQuery(q), Limit: 20})
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
		if len(h) > 0 {
			hits++
		}
	}
	slices.Sort(lat)
	p := func(f float64) float64 { return float64(lat[int(f*float64(len(lat)-1))].Microseconds()) / 1000 }
	fmt.Printf("%-22s %4d queries, %3d%% with hits: p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms\n", name, len(qs), 100*hits/len(qs), p(0.5), p(0.95), p(1))
	return nil
}

// measureQueries times nq single words, nq rare words and nq phrases.
func measureQueries(ctx context.Context, st *store.Store, rng *rand.Rand, phrases [][]string, nq int) error {
	var singles, rare, triples []string
	for i := 0; i < nq; i++ {
		singles = append(singles, vocabulary[rng.IntN(len(vocabulary))])
		rare = append(rare, vocabulary[len(vocabulary)-1-rng.IntN(40)])
		p := phrases[rng.IntN(len(phrases))]
		triples = append(triples, `"`+strings.Join(p, " ")+`"`)
	}
	if err := measure(ctx, st, "single word (uniform)", singles); err != nil {
		return err
	}
	if err := measure(ctx, st, "single rare word", rare); err != nil {
		return err
	}
	return measure(ctx, st, "3-word phrase", triples)

}

// checkVariants prints whether spelling variants find exactly what the
// canonical spelling finds.
func checkVariants(ctx context.Context, st *store.Store) error {
	// Spelling variants find exactly what the canonical spelling finds
	// (the first 100 hits, compared by recording, segment and time).
	variants := [][2]string{
		{"المسؤول", "المسوول"}, {"رئيس", "رييس"}, {"مسؤولية", "مسؤوليه"}, {"الحكومة", "الحكومه"}, {"الحكومة", "الحُكُومَة"},
		{"الحكومة", "الحكـــومة"}, {"مستشفى", "مستشفي"}, {"أعلن", "اعلن"}, {"إجراءات", "اجراءات"},
		{"مؤسسة", "موسسه"}, {"خمسة", "5"}, {"عشرون", "٢٠"}, {"ثلاثة", "3"}, {"الأمن", "بالأمن"},
		{`"قال الرئيس"`, `"قَالَ الرَّئِيسُ"`},
	}
	same := 0
	for _, v := range variants {
		a, _, err := st.Search(ctx, store.SearchParams{Query: store.ParseQuery(v[0]), Limit: 100})
		if err != nil {
			return err
		}
		b, _, err := st.Search(ctx, store.SearchParams{Query: store.ParseQuery(v[1]), Limit: 100})
		if err != nil {
			return err
		}
		key := func(hs []store.SearchHit) string {
			var s []string
			for _, h := range hs {
				s = append(s, fmt.Sprintf("%s/%d/%v", h.JobID, h.Segment, h.Time != nil && *h.Time >= 0))
			}
			return strings.Join(s, ",")
		}
		ok := len(a) > 0 && key(a) == key(b)
		if ok {
			same++
		}
		fmt.Printf("variant %-14s ~ %-16s %3d / %3d hits  same: %v\n", v[0], v[1], len(a), len(b), ok)
	}
	fmt.Printf("spelling variants with identical results: %d of %d\n", same, len(variants))
	return nil
}

// oneHour generates a one-hour transcript: 150 words a minute in segments of
// 10–20 words, 0.4 s a word.
func oneHour(rng *rand.Rand, zipf *rand.Zipf) *transcribe.Transcript {
	t := &transcribe.Transcript{Language: "ar", Duration: 3600}
	at := 0.0
	for at < 3590 {
		n := 10 + rng.IntN(11)
		seg := transcribe.Segment{ID: len(t.Segments), Start: at}
		var texts []string
		for k := 0; k < n; k++ {
			w := vocabulary[zipf.Uint64()]
			if rng.IntN(50) == 0 {
				w = "الحكومة" // a phrase to find: «قال الرئيس» below
			}
			if rng.IntN(80) == 0 {
				w = "قال الرئيس"
			}
			for _, f := range strings.Fields(w) {
				seg.Words = append(seg.Words, transcribe.Word{Word: f, Start: at, End: at + 0.38, Probability: 0.9})
				texts = append(texts, f)
				at += 0.4
			}
		}
		seg.End = at
		seg.Text = strings.Join(texts, " ")
		t.Segments = append(t.Segments, seg)
		at += 0.3
	}
	return t
}
