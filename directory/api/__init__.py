"""JSON routes (thin): they parse, call a service and return its output model."""
