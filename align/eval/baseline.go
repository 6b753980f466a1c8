package eval

import (
	"math"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
)

// alignBaseline is the comparison aligner: Python difflib's SequenceMatcher
// (with its autojunk heuristic) over the same normalised keys, as Gentle and
// many scripts do — one global diff of the transcript against the article;
// words inside matching blocks take the time of their transcript word and all
// others stay missing.
func alignBaseline(c *Case) ([]float64, []bool) {
	art := align.ParseArticle(c.Article)
	var aIdx []int
	var b []string
	for i, w := range art.Words {
		if w.Prose {
			aIdx = append(aIdx, i)
			b = append(b, w.Key)
		}
	}
	var a []string
	var at []float64
	for _, s := range c.Transcript.Segments {
		for _, w := range s.Words {
			for _, t := range arabic.Tokenize(w.Word) {
				a = append(a, t.Key)
				at = append(at, w.Start)
			}
		}
	}
	starts, matched := make([]float64, len(art.Words)), make([]bool, len(art.Words))
	for i := range starts {
		starts[i] = math.NaN()
	}
	for _, m := range matchingBlocks(a, b) {
		for k := range m.size {
			starts[aIdx[m.j+k]] = at[m.i+k]
			matched[aIdx[m.j+k]] = true
		}
	}
	return starts, matched
}

type block struct{ i, j, size int }

// matchingBlocks is difflib.SequenceMatcher(None, a, b).get_matching_blocks().
func matchingBlocks(a, b []string) []block {
	b2j := map[string][]int{}
	for j, x := range b {
		b2j[x] = append(b2j[x], j)
	}
	if n := len(b); n >= 200 {
		ntest := n/100 + 1
		for x, js := range b2j {
			if len(js) > ntest {
				delete(b2j, x) // popular: autojunk
			}
		}
	}
	longest := func(alo, ahi, blo, bhi int) block {
		best := block{alo, blo, 0}
		j2len := map[int]int{}
		for i := alo; i < ahi; i++ {
			nj := map[int]int{}
			for _, j := range b2j[a[i]] {
				if j < blo {
					continue
				}
				if j >= bhi {
					break
				}
				k := j2len[j-1] + 1
				nj[j] = k
				if k > best.size {
					best = block{i - k + 1, j - k + 1, k}
				}
			}
			j2len = nj
		}
		for best.i > alo && best.j > blo && a[best.i-1] == b[best.j-1] {
			best = block{best.i - 1, best.j - 1, best.size + 1}
		}
		for best.i+best.size < ahi && best.j+best.size < bhi && a[best.i+best.size] == b[best.j+best.size] {
			best.size++
		}
		return best
	}
	var out []block
	queue := [][4]int{{0, len(a), 0, len(b)}}
	for len(queue) > 0 {
		q := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		m := longest(q[0], q[1], q[2], q[3])
		if m.size == 0 {
			continue
		}
		out = append(out, m)
		if q[0] < m.i && q[2] < m.j {
			queue = append(queue, [4]int{q[0], m.i, q[2], m.j})
		}
		if m.i+m.size < q[1] && m.j+m.size < q[3] {
			queue = append(queue, [4]int{m.i + m.size, q[1], m.j + m.size, q[3]})
		}
	}
	return out
}
