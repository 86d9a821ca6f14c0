// Tabular datasets: loading a CSV file (a trust boundary: every cell is
// checked), standardising features with statistics of the training split,
// quantizing them into the fixed-point format of docs/QUANTIZATION.md, and
// gathering the rows of a batch.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "training/fixed_point.hpp"
#include "training/model.hpp"

namespace zkfl::training {

// Largest number of data rows load_csv accepts unless the schema says otherwise.
inline constexpr int64_t kDefaultMaxCsvRows = 1'000'000;

// What a CSV file must look like. The file has a header row; every row has
// the header's number of cells; all cells but the last are the features
// (decimal numbers), the last one is the label (an integer class).
struct CsvSchema {
  int64_t num_classes = 2;                  // labels must lie in [0, num_classes)
  int64_t num_features = 0;                 // 0: as many as the header has; else exactly this many
  std::string label_column = "label";       // the last header cell; empty: any name
  int64_t max_rows = kDefaultMaxCsvRows;    // refuse files with more data rows than this
};

// Real-valued features as read from a file, before standardisation.
struct RawDataset {
  int64_t rows = 0;
  int64_t features = 0;
  int64_t num_classes = 0;
  std::vector<std::string> feature_names;  // the header's feature cells
  std::vector<double> x;                   // rows × features, row-major
  std::vector<int64_t> labels;             // rows entries in [0, num_classes)

  double at(int64_t r, int64_t f) const { return x[static_cast<size_t>(r * features + f)]; }
};

// Loads `path` according to `schema`. Fails, naming file:line:column where it
// applies, on a missing or unreadable file, an empty file or one with only a
// header, a row with the wrong number of cells, a cell that is not a finite
// number, a label that is not an integer in [0, num_classes), or too many rows.
Result<RawDataset> load_csv(const std::string& path, const CsvSchema& schema);

// The rows of `data` listed in `rows`, in that order. Every index must be in [0, data.rows).
RawDataset select_rows(const RawDataset& data, std::span<const int64_t> rows);

// Per-feature affine map x ↦ (x − mean) / std, with the population standard
// deviation of the rows it was fitted on; a constant feature keeps std = 1.
class Standardizer {
 public:
  // Fits mean and standard deviation on `rows` of `data` (the training split).
  // An error when `rows` is empty or names a row outside the dataset.
  static Result<Standardizer> fit(const RawDataset& data, std::span<const int64_t> rows);
  // Fits on every row of `data`; an error when it has none.
  static Result<Standardizer> fit(const RawDataset& data);

  // `data` with every feature standardised; an error when its number of
  // features differs from the fitted one.
  Result<RawDataset> apply(const RawDataset& data) const;

  const std::vector<double>& mean() const { return mean_; }
  const std::vector<double>& stddev() const { return stddev_; }

 private:
  std::vector<double> mean_;
  std::vector<double> stddev_;
};

// Features in the fixed-point format of the training step.
struct QuantizedDataset {
  int64_t rows = 0;
  int64_t features = 0;
  int64_t num_classes = 0;
  std::vector<int64_t> x;       // rows × features, row-major, kFractionBits fraction bits in [-2^11, 2^11)
  std::vector<int64_t> labels;  // rows entries in [0, num_classes)

  int64_t at(int64_t r, int64_t f) const { return x[static_cast<size_t>(r * features + f)]; }
};

// quantize(x, kFeatureBits) of every feature (round half away from zero, then
// clamp to [-2^11, 2^11)): the data a participant registers and proves over.
QuantizedDataset quantize_dataset(const RawDataset& data);

// The rows of `data` listed in `rows`, in that order. Every index must be in [0, data.rows).
QuantizedDataset select_rows(const QuantizedDataset& data, std::span<const int64_t> rows);

// The batch made of rows `indices` of `data`, in that order. Every index must
// be in [0, data.rows) (checked with an assert: indices come from the sampler).
Batch gather_batch(const QuantizedDataset& data, std::span<const int64_t> indices);

}  // namespace zkfl::training
