/// A street-level location as police.uk publishes it: an anonymised snap point, and its place name
/// as an index into a list of names held beside it (a force's month has tens of thousands of snap
/// points but far fewer names, so each name is made text and stored once).
public struct SnapPoint: Hashable, Sendable {
    /// Millionths of a degree, exactly as written (police.uk writes six decimals).
    public let longitude: Int32
    public let latitude: Int32
    /// Which of the place names beside it this snap point has.
    public let place: UInt32

    public init(longitude: Int32, latitude: Int32, place: UInt32) {
        self.longitude = longitude
        self.latitude = latitude
        self.place = place
    }
}
