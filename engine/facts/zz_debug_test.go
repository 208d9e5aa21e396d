package facts

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	text := os.Getenv("DBG")
	if text == "" {
		t.Skip()
	}
	f := extract(t, text, "")
	for _, tk := range f.Tokens {
		fmt.Printf("%-14s lem=%v cl=%v clause=%d neg=%v q=%v rep=%v keys=%v\n", tk.Text, tk.Lemmas, tk.Clitics, tk.Clause, tk.Negated, tk.Question, tk.Reported, tk.Keys)
		for _, a := range tk.Analyses {
			fmt.Printf("      %+v\n", a)
		}
	}
	fmt.Println(f.Clauses)
}
