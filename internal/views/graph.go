package views

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/explainer/explainer/internal/content"
)

// Map is the conflict map laid out as an arc diagram: demands stacked in one
// column grouped by actor, alignments drawn as arcs on the left, conflicts
// as arcs on the right. Units are SVG user units of a Width × Height
// viewBox.
type Map struct {
	Width, Height int
	Groups        []Group
	Nodes         []Node
	Edges         []Edge
	// Conflicts and Alignments are the pairs the edges draw, for the text
	// alternative.
	Conflicts, Alignments []Pair
}

// Group is one actor's band of the map.
type Group struct {
	Actor *content.Actor
	// X, Y, W and H are the band; LabelX and LabelY place the actor's name
	// (centred on LabelX), and Hit is the link's box around it.
	X, Y, W, H     int
	LabelX, LabelY int
	Hit            Box
}

// Box is a rectangle.
type Box struct{ X, Y, W, H int }

// Node is one demand's box.
type Node struct {
	Demand     *content.Demand
	X, Y, W, H int
	// Lines is the label, wrapped; LineY holds each line's baseline.
	Lines []string
	LineY []int
	// TextX is the horizontal middle, where the lines are centred; MidY the
	// vertical middle, where the edges attach.
	TextX, MidY int
}

// Edge is one pair drawn as a path.
type Edge struct {
	Pair Pair
	// D is the SVG path data.
	D string
}

// The map's geometry, in user units.
const (
	mapWidth    = 760
	nodeWidth   = 300
	lineHeight  = 18
	nodePad     = 8
	nodeGap     = 6
	groupHead   = 34
	groupGap    = 16
	groupHitW   = 200
	mapMargin   = 12
	wrapAt      = 36 // characters per label line
	arcBase     = 14
	arcPerRoot  = 5.6 // depth grows with the square root of the span
	arcMaxDepth = mapWidth/2 - nodeWidth/2 - mapMargin
)

// NewMap lays out every demand of the site and its relations.
func NewMap(site *content.Site) *Map {
	m := &Map{Width: mapWidth}
	x := (mapWidth - nodeWidth) / 2
	y := mapMargin
	at := map[*content.Demand]*Node{}
	for _, a := range site.Actors {
		g := Group{Actor: a, X: 4, Y: y, W: mapWidth - 8, LabelX: mapWidth / 2, LabelY: y + 22,
			Hit: Box{X: mapWidth/2 - groupHitW/2, Y: y + 2, W: groupHitW, H: groupHead - 4}}
		y += groupHead
		for _, d := range a.Demands {
			lines := wrap(d.Title, wrapAt)
			n := Node{Demand: d, X: x, Y: y, W: nodeWidth, H: 2*nodePad + lineHeight*len(lines), Lines: lines}
			for i := range lines {
				n.LineY = append(n.LineY, y+nodePad+lineHeight*(i+1)-4)
			}
			n.TextX, n.MidY = x+nodeWidth/2, y+n.H/2
			m.Nodes = append(m.Nodes, n)
			y += n.H + nodeGap
		}
		g.H = y - g.Y
		m.Groups = append(m.Groups, g)
		y += groupGap
	}
	for i := range m.Nodes {
		at[m.Nodes[i].Demand] = &m.Nodes[i]
	}
	m.Height = y - groupGap + mapMargin
	m.Conflicts = Pairs(site, Conflict)
	m.Alignments = Pairs(site, Alignment)
	for _, p := range m.Alignments {
		m.Edges = append(m.Edges, Edge{Pair: p, D: arc(at[p.A], at[p.B], x, -1)})
	}
	for _, p := range m.Conflicts {
		m.Edges = append(m.Edges, Edge{Pair: p, D: arc(at[p.A], at[p.B], x+nodeWidth, 1)})
	}
	return m
}

// arc returns a cubic curve from a's middle to b's on the side x, bulging
// outwards (side -1 left, 1 right) in proportion to their distance.
func arc(a, b *Node, x, side int) string {
	dy := b.MidY - a.MidY
	if dy < 0 {
		dy = -dy
	}
	depth := min(arcBase+int(arcPerRoot*math.Sqrt(float64(dy))), arcMaxDepth)
	c := x + side*depth*4/3 // a cubic's control points reach 3/4 of the way
	return fmt.Sprintf("M%d %dC%d %d %d %d %d %d", x, a.MidY, c, a.MidY, c, b.MidY, x, b.MidY)
}

// wrap breaks s into lines of at most width characters on spaces; a word
// longer than width gets a line of its own. The label is never cut, so the
// link's visible text is always its whole title.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
