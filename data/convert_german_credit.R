#!/usr/bin/env Rscript
# Converts the German Credit data (Statlog, Hofmann 1994) as shipped by
# Debian's r-cran-caret (data(GermanCredit)) into zkfl's CSV layout.
#
# Run once (the output is committed):
#
#     apt-get install r-base-core r-cran-caret
#     Rscript data/convert_german_credit.R [OUTPUT_CSV]
#
# OUTPUT_CSV defaults to german_credit.csv next to this script. Layout: a
# header row of feature names then `label`, one row per applicant, every cell
# numeric, the label last: 1 = Bad (a bad credit risk, the event a bank wants
# to predict), 0 = Good.
#
# caret's copy has 7 numeric attributes and 13 categorical ones expanded into
# complete sets of 0/1 indicators (one column per level). Two changes make
# every feature informative:
#   1. constant columns are dropped (two levels, Purpose.Vacation and
#      Personal.Female.Single, never occur, so their columns are all zero and
#      duplicate each other);
#   2. in each remaining indicator group whose columns sum to 1 on every row,
#      the first level (R's treatment-contrast reference) is dropped: its
#      column equals 1 minus the sum of the others and so adds nothing.
# The script stops if the data differ from what this describes.

suppressPackageStartupMessages(library(caret))

args <- commandArgs(trailingOnly = TRUE)
script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else "."
})
output <- if (length(args) >= 1) args[[1]] else file.path(script_dir, "german_credit.csv")

data(GermanCredit, package = "caret", envir = environment())
stopifnot(nrow(GermanCredit) == 1000, ncol(GermanCredit) == 62)
stopifnot(identical(levels(GermanCredit$Class), c("Bad", "Good")))

features <- GermanCredit[, names(GermanCredit) != "Class"]
stopifnot(all(vapply(features, is.numeric, logical(1))))
stopifnot(!anyNA(features))

# 1. Constant columns.
constant <- names(features)[vapply(features, function(x) length(unique(x)) == 1, logical(1))]
stopifnot(identical(sort(constant), sort(c("Purpose.Vacation", "Personal.Female.Single"))))
features <- features[, setdiff(names(features), constant)]

# 2. One reference level per complete indicator group. A group is the columns
#    sharing the name before the first "."; numeric attributes have no dot.
group <- sub("\\..*$", "", names(features))
reference <- character(0)
for (g in unique(group[duplicated(group)])) {
  cols <- names(features)[group == g]
  values <- as.matrix(features[, cols])
  stopifnot(all(values == 0 | values == 1), all(rowSums(values) == 1))
  reference <- c(reference, cols[[1]])
}
stopifnot(length(reference) == 11)
features <- features[, setdiff(names(features), reference)]

# No two remaining columns are equal and none is constant.
stopifnot(!any(duplicated(as.list(features))))
stopifnot(all(vapply(features, function(x) length(unique(x)) > 1, logical(1))))
# Every value is an integer (counts, amounts in DM, 0/1 indicators).
stopifnot(all(vapply(features, function(x) all(x == round(x)), logical(1))))

out <- features
out[] <- lapply(out, function(x) format(as.integer(round(x)), scientific = FALSE, trim = TRUE))
out$label <- ifelse(GermanCredit$Class == "Bad", "1", "0")
write.table(out, output, sep = ",", quote = FALSE, row.names = FALSE, col.names = TRUE, eol = "\n")

cat(sprintf("%s: %d rows, %d features, label 1 = Bad (%d), 0 = Good (%d)\n", output, nrow(out),
            ncol(out) - 1, sum(out$label == "1"), sum(out$label == "0")))
cat(sprintf("dropped constant columns: %s\n", paste(constant, collapse = ", ")))
cat(sprintf("dropped reference levels: %s\n", paste(reference, collapse = ", ")))
