package ogimage

// Dir is the output folder of the cards, relative to the base URL.
const Dir = "og/"

// HomePath, ActorPath and TopicPath are the output paths of the cards,
// relative to the base URL. Pages without a card of their own use the
// home's; a demand uses its actor's.
const HomePath = Dir + "home.png"

// ActorPath is the card of the actor with the given id.
func ActorPath(id string) string { return Dir + "actors/" + id + ".png" }

// TopicPath is the card of the topic with the given id.
func TopicPath(id string) string { return Dir + "topics/" + id + ".png" }
