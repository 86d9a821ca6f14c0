#include "plonk/circuit/layouter.hpp"

#include <algorithm>

namespace zkfl::plonk {

void Region::touch(size_t offset) { height_ = std::max(height_, offset + 1); }

AssignedCell Region::assign_advice(const AdviceColumn& column, size_t offset, const Value& value) {
  touch(offset);
  table_.assign_advice(column, start_ + offset, value);
  return AssignedCell{Cell{column.column, static_cast<uint32_t>(start_ + offset)}, value};
}

AssignedCell Region::assign_fixed(const FixedColumn& column, size_t offset, const Fr& value) {
  touch(offset);
  table_.assign_fixed(column.column, start_ + offset, value);
  return AssignedCell{Cell{column.column, static_cast<uint32_t>(start_ + offset)}, Value::known(value)};
}

void Region::enable_selector(const Selector& selector, size_t offset) {
  touch(offset);
  table_.assign_fixed(selector.column, start_ + offset, Fr::one());
}

AssignedCell Region::copy_advice(const AssignedCell& from, const AdviceColumn& column, size_t offset) {
  AssignedCell to = assign_advice(column, offset, from.value);
  table_.copy(from.cell, to.cell);
  return to;
}

AssignedCell Region::assign_advice_from_instance(const InstanceColumn& instance, size_t instance_row,
                                                 const AdviceColumn& column, size_t offset) {
  AssignedCell to = assign_advice(column, offset, table_.instance_value(instance.column, instance_row));
  table_.copy(Cell{instance.column, static_cast<uint32_t>(instance_row)}, to.cell);
  return to;
}

void Region::constrain_equal(const AssignedCell& a, const AssignedCell& b) { table_.copy(a.cell, b.cell); }

Status Layouter::assign_region(const std::string& name, const std::function<Status(Region&)>& body) {
  Region region(table_, next_row_);
  Status s = body(region);
  table_.record_region(PlacedRegion{name, next_row_, next_row_ + region.height()});
  next_row_ += region.height();
  if (!s.is_ok()) return Status::error("region '" + name + "': " + s.message());
  if (!table_.status().is_ok()) return Status::error("region '" + name + "': " + table_.status().message());
  return Status::ok();
}

void Layouter::constrain_instance(const AssignedCell& cell, const InstanceColumn& column, size_t row) {
  table_.copy(cell.cell, Cell{column.column, static_cast<uint32_t>(row)});
}

}  // namespace zkfl::plonk
