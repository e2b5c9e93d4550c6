package views

import (
	"reflect"

	"github.com/explainer/explainer/internal/deps"
)

// What each view reads of the site, declared next to the code that reads
// it, as paths from the site (see deps.Method; site is the path that
// leads to it, e.g. "Site"). serve re-renders a page showing a view when a
// field on one of its paths changes; the paths a layout takes through the
// view's result come from the layout itself. Change a function here, and
// change its declaration with it: TestReadsDeclared (views_test.go)
// checks each against the fields it really reads.

// PairsReads is what Pairs reads: the demands in order, their relations
// with their whys (both sides).
func PairsReads(site string) []string {
	return []string{site + ".Demands[].Conflicts", site + ".Demands[].Alignments"}
}

// SharpestReads is what Sharpest reads.
func SharpestReads(site string) []string {
	return append(PairsReads(site), site+".Demands[].Actor")
}

// PositionsReads is what Positions reads.
func PositionsReads(site string) []string {
	return []string{site + ".Actors[].Demands[].Topic"}
}

// MatrixReads is what NewMatrix reads.
func MatrixReads(site string) []string {
	return []string{site + ".Actors[].Demands[].Topic", site + ".Actors[].Demands[].Actor", site + ".Topics",
		site + ".Actors[].Demands[].Conflicts[].Demand.Actor"}
}

// HomeReads is what CoreDemands and Headlines read.
func HomeReads(site string) []string {
	return append(SharpestReads(site), site+".Actors[].Demands[].Core", site+".Headlines",
		site+".Headlines[].A", site+".Headlines[].B.Conflicts")
}

// ClashViewReads is what NewClashView, PairGroups and Split read.
func ClashViewReads(site string) []string {
	return append(PairsReads(site), site+".Demands", site+".Demands[].Actor", site+".Actors",
		site+".Actors[].Demands[].Conflicts", site+".Actors[].Demands[].Alignments")
}

// Methods declares what the methods layouts may call read.
var Methods = []deps.Method{
	{Type: reflect.TypeFor[Cell](), Name: "Contested", Reads: []string{"Entries[].Clashes"}},
	{Type: reflect.TypeFor[Pair](), Name: "Why", Reads: []string{"WhyA", "WhyB"}},
	{Type: reflect.TypeFor[Pair](), Name: "CrossActor", Reads: []string{"A.Actor", "B.Actor"}},
	{Type: reflect.TypeFor[Pair](), Name: "Headline", Reads: []string{"Kind", "A.Conflicts"}},
	{Type: reflect.TypeFor[Cell](), Name: "Headline", Reads: []string{"Entries[].Clashes"}},
	{Type: reflect.TypeFor[Entry](), Name: "Headline", Reads: []string{"Clashes"}},
	{Type: reflect.TypeFor[PairGroup](), Name: "ID", Reads: []string{"A.Slug", "B.Slug"}},
	{Type: reflect.TypeFor[PairGroup](), Name: "Within", Reads: []string{"A.ID", "B.ID"}},
}

// ActorsCSSReads is what ActorsCSS reads: each actor's slug and colour,
// in order.
func ActorsCSSReads(site string) []string {
	return []string{site + ".Actors[].Slug", site + ".Actors[].Colour"}
}

// Funcs declares what the layout functions of this package that are given
// pages read (see render's FuncMap), and where the pages they return come
// from.
var Funcs = []deps.Func{
	{Name: "split", Reads: [][]string{{"Demands"}}},
	{Name: "against", Reads: [][]string{{"Actor", "Conflicts[].Demand.Actor"}}, Result: "Conflicts[].Demand.Actor"},
	{Name: "headlineFirst", Result: "."},
	{Name: "demandRefs", Reads: [][]string{{"Actor", "Topic", "Conflicts[].Demand", "Alignments[].Demand"}}, Result: "Page.ReferencedBy"},
	{Name: "actorRefs", Reads: [][]string{{"Demands"}}, Result: "Page.ReferencedBy"},
	{Name: "topicRefs", Reads: [][]string{{"Actors"}, {"Demands", "Demands[].Conflicts[].Demand"}}, ResultArg: 1, Result: "Page.ReferencedBy"},
}
