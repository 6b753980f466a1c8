package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/models"
)

// modelsDirFlag adds --models-dir to cmd and returns where it is stored.
func modelsDirFlag(cmd *cobra.Command) *string {
	dir := cmd.Flags().String("models-dir", "", "models directory (default $"+models.DirEnv+" or the user cache directory, newsscribe/models)")
	return dir
}

func newModelsCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "models",
		Short: "List, download and verify Whisper and VAD models",
	}
	cmd.AddCommand(newModelsListCmd(s), newModelsPullCmd(s), newModelsPathCmd(s), newModelsVerifyCmd(s))
	return cmd
}

func dirOrDefault(dir string) string {
	if dir == "" {
		return models.DefaultDir()
	}
	return dir
}

func newModelsListCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the known models, their sizes, what each can do and which are downloaded",
		Args:  cobra.NoArgs,
	}
	dir := modelsDirFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		d := dirOrDefault(*dir)
		tw := tabwriter.NewWriter(s.Out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tSIZE\tDOWNLOADED\tCAN DO\tARABIC\tSPEED\tNOTE")
		for _, m := range models.All() {
			have := "no"
			if fi, err := os.Stat(models.Path(m, d)); err == nil {
				have = "yes"
				if fi.Size() != m.Size {
					have = "incomplete"
				}
			}
			can, arabic, speed := "voice activity", "-", "-"
			if f, ok := m.Family(); ok {
				can, arabic, speed = f.Abilities(), string(f.Arabic), fmt.Sprintf("~%gx", f.Speed)
			}
			var notes []string
			switch m.Name {
			case models.DefaultModel:
				notes = append(notes, "default")
			case models.DefaultTranslationModel:
				notes = append(notes, "translation default")
			}
			if m.Note != "" {
				notes = append(notes, m.Note)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Name, models.FormatSize(m.Size), have, can, arabic, speed, strings.Join(notes, "; "))
		}
		fmt.Fprintf(tw, "\nSPEED is OpenAI's, relative to large (English, on a GPU); on a CPU see README \"Models\".\n")
		fmt.Fprintf(tw, "English-only models (tiny.en … medium.en) are not offered: they cannot hear Arabic and ignore the translate task.\n")
		fmt.Fprintf(tw, "models directory: %s\n", d)
		return tw.Flush()
	}
	return cmd
}

func newModelsPullCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pull NAME...",
		Short: "Download models (resumable, verified) into the models directory",
		Long: "Download models from the whisper.cpp repositories on Hugging Face into the models directory.\n" +
			"An interrupted download resumes where it stopped; the file is verified against its published\n" +
			"size and checksums before it is moved into place. `pull` without a name pulls what serve\n" +
			"uses by default: the model (" + models.DefaultModel + "), the translation model\n" +
			"(" + models.DefaultTranslationModel + ", since " + models.DefaultModel + " cannot translate) and the VAD model (" + models.VADModel + ").",
	}
	dir := modelsDirFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			args = []string{models.DefaultModel, models.DefaultTranslationModel, models.VADModel}
		}
		var list []models.Model
		for _, name := range args {
			m, ok := models.Lookup(name)
			if !ok {
				return fmt.Errorf("unknown model %q: see `newsscribe models list`", name)
			}
			list = append(list, m)
		}
		// Each model is tried even when an earlier one failed, so that an
		// offline user learns every URL to fetch by hand at once.
		var failed []error
		for _, m := range list {
			bar := newProgressBar(s.Err, m.File)
			path, err := models.Pull(cmd.Context(), m, dirOrDefault(*dir), models.PullOptions{
				Progress: func(done, total int64) {
					bar.Set(int(100*done/max(total, 1)), models.FormatSize(done)+"/"+models.FormatSize(total))
				},
			})
			bar.Finish()
			if err != nil {
				if cmd.Context().Err() != nil {
					return err
				}
				failed = append(failed, err)
				if len(list) > 1 {
					fmt.Fprintln(s.Err, "newsscribe:", err)
				}
				continue
			}
			fmt.Fprintln(s.Out, path)
		}
		switch {
		case len(failed) == 1:
			return failed[0]
		case len(failed) > 1:
			return fmt.Errorf("%d of %d models could not be pulled (see above)", len(failed), len(list))
		}
		return nil
	}
	return cmd
}

func newModelsPathCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "path NAME|PATH",
		Short: "Print the path of a downloaded model (checked for truncation)",
		Args:  cobra.ExactArgs(1),
	}
	dir := modelsDirFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		p, err := models.Resolve(args[0], dirOrDefault(*dir))
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(s.Out, p)
		return err
	}
	return cmd
}

func newModelsVerifyCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "verify [NAME...]",
		Short: "Check downloaded models against their published size and checksums",
		Long:  "Check the named models, or every known model present in the models directory, against their published size, SHA-256 and (where whisper.cpp publishes one) SHA-1.",
	}
	dir := modelsDirFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		d := dirOrDefault(*dir)
		var list []models.Model
		if len(args) == 0 {
			for _, m := range models.All() {
				if _, err := os.Stat(models.Path(m, d)); err == nil {
					list = append(list, m)
				}
			}
			if len(list) == 0 {
				return fmt.Errorf("no models in %s: run `newsscribe models pull`", d)
			}
		}
		for _, name := range args {
			m, ok := models.Lookup(name)
			if !ok {
				return fmt.Errorf("unknown model %q: see `newsscribe models list`", name)
			}
			list = append(list, m)
		}
		failed := 0
		for _, m := range list {
			p := models.Path(m, d)
			err := models.Verify(p, m)
			switch {
			case err == nil:
				fmt.Fprintf(s.Out, "ok\t%s\t%s\n", m.Name, p)
			case errors.Is(err, os.ErrNotExist):
				failed++
				fmt.Fprintf(s.Out, "missing\t%s\t%s\n", m.Name, p)
			default:
				failed++
				fmt.Fprintf(s.Out, "BAD\t%s\t%v\n", m.Name, err)
			}
		}
		if failed > 0 {
			return &exitError{code: 1, err: fmt.Errorf("%d of %d models failed verification", failed, len(list))}
		}
		return nil
	}
	return cmd
}
