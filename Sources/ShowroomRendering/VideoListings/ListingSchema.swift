import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// The JSON Schema of `listing.json`, published in every site at `VideoListing.schemaSitePath`.
/// The same text is `Schemas/video-listing-1.schema.json` in the repository (a test keeps the two equal).
package enum ListingSchema {
    package static let text = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:showroom:schema:video-listing:1",
  "title": "Showroom video listing, version 1",
  "description": "A short video listing of one product: formats, ordered scenes with pan and zoom, text overlays, the brand's look and captions. Scene durations add up to the total, which lies between 6 and 240 seconds. Published by Showroom at /products/<handle>/listing.json.",
  "type": "object",
  "required": ["version", "language", "product", "offer", "duration", "frame_rate", "formats", "look", "captions", "player", "renditions", "scenes"],
  "additionalProperties": false,
  "properties": {
    "$schema": { "type": "string", "format": "uri" },
    "version": { "const": 1 },
    "language": { "type": "string", "minLength": 2, "description": "BCP 47 language of the overlays and captions." },
    "product": {
      "type": "object",
      "required": ["handle", "title", "url"],
      "additionalProperties": false,
      "properties": {
        "handle": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
        "title": { "type": "string", "minLength": 1 },
        "brand": { "type": "string", "minLength": 1 },
        "url": { "$ref": "#/$defs/url" }
      }
    },
    "offer": {
      "description": "The price and availability the listing shows: always the catalog's (the product page's and the feeds').",
      "type": "object",
      "required": ["price", "currency", "from", "availability"],
      "additionalProperties": false,
      "properties": {
        "price": { "$ref": "#/$defs/amount", "description": "What a shopper pays now (the sale price when on sale; the lowest variant's when the product has variants)." },
        "regular_price": { "$ref": "#/$defs/amount", "description": "Present only when on sale: the price the sale price replaces." },
        "currency": { "type": "string", "pattern": "^[A-Z]{3}$" },
        "from": { "type": "boolean", "description": "Variants differ in price and `price` is the lowest." },
        "availability": { "$ref": "#/$defs/availability" }
      }
    },
    "duration": { "type": "number", "minimum": 6, "maximum": 240, "multipleOf": 0.5, "description": "Seconds; the sum of the scene durations." },
    "frame_rate": { "type": "integer", "minimum": 1, "maximum": 120 },
    "formats": {
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "required": ["name", "aspect_ratio", "width", "height"],
        "additionalProperties": false,
        "properties": {
          "name": { "enum": ["vertical", "square", "landscape"] },
          "aspect_ratio": { "enum": ["9:16", "1:1", "16:9"] },
          "width": { "type": "integer", "minimum": 1 },
          "height": { "type": "integer", "minimum": 1 }
        }
      }
    },
    "look": {
      "type": "object",
      "required": ["background", "ink", "text", "accent", "sale", "font"],
      "additionalProperties": false,
      "properties": {
        "background": { "$ref": "#/$defs/color", "description": "The closing card's color." },
        "ink": { "$ref": "#/$defs/color", "description": "Words on the closing card." },
        "text": { "$ref": "#/$defs/color", "description": "Words over pictures and clips." },
        "accent": { "$ref": "#/$defs/color" },
        "sale": { "$ref": "#/$defs/color" },
        "font": { "type": "string", "minLength": 1, "description": "A CSS font-family list." },
        "logo": { "$ref": "#/$defs/url" }
      }
    },
    "poster": { "$ref": "#/$defs/url", "description": "A still picture to show before the listing plays." },
    "captions": {
      "type": "object",
      "required": ["url", "language"],
      "additionalProperties": false,
      "properties": {
        "url": { "$ref": "#/$defs/url", "description": "A WebVTT file with one cue per scene that shows words." },
        "language": { "type": "string", "minLength": 2 }
      }
    },
    "player": { "$ref": "#/$defs/url", "description": "The page that plays this listing in a browser." },
    "renditions": {
      "description": "Rendered video files of this listing (empty when the site was built without rendering videos).",
      "type": "array",
      "items": {
        "type": "object",
        "required": ["format", "url", "type"],
        "additionalProperties": false,
        "properties": {
          "format": { "enum": ["vertical", "square", "landscape"] },
          "url": { "$ref": "#/$defs/url" },
          "type": { "const": "video/mp4" }
        }
      }
    },
    "scenes": {
      "type": "array",
      "minItems": 1,
      "items": { "$ref": "#/$defs/scene" }
    }
  },
  "$defs": {
    "url": { "type": "string", "minLength": 1, "format": "uri-reference" },
    "amount": { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$" },
    "color": { "type": "string", "pattern": "^#[0-9a-f]{6}$" },
    "availability": { "enum": ["in_stock", "out_of_stock", "preorder", "backorder"] },
    "seconds": { "type": "number", "minimum": 0, "multipleOf": 0.5 },
    "viewport": {
      "type": "object",
      "required": ["zoom", "x", "y"],
      "additionalProperties": false,
      "properties": {
        "zoom": { "type": "number", "minimum": 1, "maximum": 4 },
        "x": { "type": "number", "minimum": 0, "maximum": 1 },
        "y": { "type": "number", "minimum": 0, "maximum": 1 }
      }
    },
    "overlay": {
      "type": "object",
      "required": ["kind", "position", "text"],
      "additionalProperties": false,
      "properties": {
        "kind": { "enum": ["title", "text", "highlight", "price", "availability", "cta", "logo"] },
        "position": { "enum": ["top", "center", "bottom"] },
        "text": { "type": "string" },
        "was": { "type": "string", "minLength": 1, "description": "Price overlays of a product on sale: the regular price, as displayed." },
        "availability": { "$ref": "#/$defs/availability" },
        "url": { "$ref": "#/$defs/url", "description": "The product page (cta) or the logo file (logo)." }
      },
      "allOf": [
        { "if": { "properties": { "kind": { "const": "availability" } } }, "then": { "required": ["availability"] } },
        { "if": { "properties": { "kind": { "enum": ["cta", "logo"] } } }, "then": { "required": ["url"] } },
        { "if": { "properties": { "kind": { "not": { "const": "logo" } } } }, "then": { "properties": { "text": { "minLength": 1 } } } }
      ]
    },
    "scene": {
      "type": "object",
      "required": ["id", "kind", "start", "duration", "overlays", "caption"],
      "additionalProperties": false,
      "properties": {
        "id": { "type": "string", "pattern": "^[A-Za-z0-9-]+$" },
        "kind": { "enum": ["image", "video", "card"] },
        "start": { "$ref": "#/$defs/seconds" },
        "duration": { "type": "number", "exclusiveMinimum": 0, "multipleOf": 0.5 },
        "image": { "$ref": "#/$defs/url" },
        "motion": {
          "type": "object",
          "required": ["from", "to"],
          "additionalProperties": false,
          "properties": { "from": { "$ref": "#/$defs/viewport" }, "to": { "$ref": "#/$defs/viewport" } }
        },
        "video": {
          "type": "object",
          "required": ["url", "in", "out"],
          "additionalProperties": false,
          "properties": {
            "url": { "$ref": "#/$defs/url" },
            "in": { "$ref": "#/$defs/seconds" },
            "out": { "$ref": "#/$defs/seconds" }
          }
        },
        "overlays": { "type": "array", "items": { "$ref": "#/$defs/overlay" } },
        "caption": { "type": "string", "description": "The scene's words as the captions file has them (empty: no cue)." }
      },
      "allOf": [
        { "if": { "properties": { "kind": { "const": "image" } } }, "then": { "required": ["image", "motion"] } },
        { "if": { "properties": { "kind": { "const": "video" } } }, "then": { "required": ["video"] } }
      ]
    }
  }
}
"""#
}
