module github.com/veriffkit/webhook

go 1.26
