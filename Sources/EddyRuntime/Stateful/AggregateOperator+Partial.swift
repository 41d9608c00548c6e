import EddyCore

/// The downstream half of a combined GROUP BY: a `PartialAggregate` from the repartition topic
/// is merged into the stored states (the stored time becomes the later of the two) and the
/// change is emitted as a single row's update would be. The task has already observed the
/// partial's time for the repartition partition.
extension AggregateOperator {
    func merge(_ partial: PartialAggregate, emit: ChangeHandler) {
        guard let window = plan.window else {
            if !partial.isTimeMark { mergeStates(partial, window: nil, emit: emit) }
            return
        }
        if let w = partial.window, !partial.isTimeMark {
            // Upstream dropped every row late for this partition's time, and partials arrive
            // oldest first, so this only triggers when several upstream tasks feed one partition
            // (then, as with rows, arrival order decides).
            let closeTime = context.streamTime &- window.grace
            if w.end <= closeTime {
                context.log.record(queryID: context.queryID,
                                   message: "Skipping record for expired window. key=\(partial.key) window=[\(w.start),\(w.end)) timestamp=\(partial.timestamp) streamTime=\(context.streamTime)")
            } else {
                mergeStates(partial, window: w, emit: emitFinal ? { _ in } : emit)
            }
        }
        if emitFinal {
            emitClosedWindows(window, emit: emit)
        } else {
            expireIfDue(window)
        }
    }

    private func mergeStates(_ partial: PartialAggregate, window: WindowBounds?, emit: ChangeHandler) {
        guard partial.states.count == merges.count else {
            context.log.record(queryID: context.queryID, message: "Partial aggregate with \(partial.states.count) states; expected \(merges.count)")
            return
        }
        update(partial.key, window: window, timestamp: partial.timestamp, emit: emit) { states in
            for i in states.indices { states[i] = merges[i](states[i], partial.states[i]) }
        }
    }
}
