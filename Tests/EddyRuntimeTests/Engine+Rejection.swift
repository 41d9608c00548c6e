import EddyCore
import EddyEngine

extension Engine {
    /// The message a statement fails with, or nil when it runs.
    func rejection(_ sql: String) -> String? {
        do {
            try execute(sql)
            return nil
        } catch {
            return error.eddyMessage
        }
    }
}
